package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.event.AgentEvent;
import dev.orchestrator.agent.event.EventBus;
import dev.orchestrator.api.Role;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/events}: server-sent events of run and task state changes and log lines, optionally of
 * one run ({@code run_id}) or one pipeline ({@code pipeline}). A client that reconnects with
 * {@code Last-Event-ID} (or {@code last_event_id}, for clients that cannot set headers) gets every event it
 * missed that is still buffered; when some are gone it gets a {@code gap} event and should reload.
 */
public final class EventStreamResource {

    private static final int MAX_STREAMS = 64;

    private final EventBus bus;
    private final ObjectMapper json;
    private final Duration keepAlive;
    private final AtomicInteger open = new AtomicInteger();

    /** @param keepAlive how often an idle stream sends a comment, so a dead client is noticed */
    public EventStreamResource(EventBus bus, ObjectMapper json, Duration keepAlive) {
        this.bus = bus;
        this.json = json;
        this.keepAlive = keepAlive;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/events", this::stream).requires(Role.VIEWER));
    }

    private Object stream(ApiRequest request) {
        long from = request.header("Last-Event-ID")
                .or(() -> request.queryParameter("last_event_id"))
                .filter(text -> !text.isBlank())
                .map(text -> {
                    try {
                        return Long.parseLong(text.strip());
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest("Last-Event-ID must be the id of an event, got '" + text + "'");
                    }
                })
                .orElseGet(bus::lastId);
        Optional<String> runId = request.queryParameter("run_id").filter(text -> !text.isBlank());
        Optional<String> pipelineId = request.queryParameter("pipeline").filter(text -> !text.isBlank());
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            throw new ApiException(
                    503,
                    "too_many_streams",
                    MAX_STREAMS + " event streams are open already; " + "close one, or poll /api/v1/runs instead");
        }
        return new StreamingResponse() {
            @Override
            public String contentType() {
                return "text/event-stream; charset=utf-8";
            }

            @Override
            public Map<String, String> headers() {
                return Map.of("Cache-Control", "no-cache");
            }

            @Override
            public void write(OutputStream body, SecretMasker masker) throws IOException {
                try {
                    send(body, from, runId, pipelineId);
                } finally {
                    open.decrementAndGet();
                }
            }
        };
    }

    private void send(OutputStream body, long from, Optional<String> runId, Optional<String> pipelineId)
            throws IOException {
        write(body, "retry: 2000\n: connected\n\n");
        long position = from;
        try {
            while (true) {
                EventBus.Batch batch = bus.after(position, keepAlive);
                if (batch.missedSome()) {
                    write(
                            body,
                            "event: gap\ndata: {\"message\": \"events after " + position + " are no longer "
                                    + "buffered; reload what you show\"}\n\n");
                }
                StringBuilder text = new StringBuilder();
                for (AgentEvent event : batch.events()) {
                    position = event.id();
                    if ((runId.isPresent() && !runId.get().equals(event.runId()))
                            || (pipelineId.isPresent() && !pipelineId.get().equals(event.pipelineId()))) {
                        continue;
                    }
                    text.append("id: ")
                            .append(event.id())
                            .append("\nevent: ")
                            .append(event.type())
                            .append("\ndata: ")
                            .append(json.writeValueAsString(event.data()))
                            .append("\n\n");
                }
                if (batch.closed()) {
                    write(body, text.append("event: closing\ndata: {}\n\n").toString());
                    return;
                }
                write(body, text.isEmpty() ? ": keep-alive\n\n" : text.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
