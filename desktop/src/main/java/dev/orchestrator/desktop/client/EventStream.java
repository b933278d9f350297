package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * An agent's event stream ({@code /api/v1/events}), kept open: when it breaks it is opened again after a
 * growing pause, with the id of the last event seen, so nothing still buffered by the agent is missed.
 * Listener calls come on OkHttp's threads.
 */
public final class EventStream implements AutoCloseable {

    /** What the stream tells. */
    public interface Listener {

        /** An event: {@code run}, {@code task}, {@code log}, or {@code gap} (some were missed: reload). */
        void onEvent(String type, JsonNode data);

        /** The stream opened ({@code true}) or broke ({@code false}). */
        void onConnected(boolean connected);
    }

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final AgentClient client;
    private final OkHttpClient http;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final ObjectMapper json = AgentClient.mapper();
    private volatile String lastEventId;
    private volatile EventSource source;
    private volatile boolean closed;
    private Duration nextRetry = FIRST_RETRY;

    /**
     * @param http  a client without read timeout: the stream is quiet between events (the agent sends a
     *              keep-alive every 15 s)
     * @param timer schedules reconnects
     */
    public EventStream(AgentClient client, OkHttpClient http, ScheduledExecutorService timer, Listener listener) {
        this.client = client;
        this.http = http;
        this.timer = timer;
        this.listener = listener;
    }

    public EventStream open() {
        connect();
        return this;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Request.Builder request =
                client.request(client.url("api", "v1", "events").build()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        source = EventSources.createFactory(http).newEventSource(request.build(), new EventSourceListener() {
            @Override
            public void onOpen(EventSource eventSource, Response response) {
                synchronized (EventStream.this) {
                    nextRetry = FIRST_RETRY;
                }
                listener.onConnected(true);
            }

            @Override
            public void onEvent(EventSource eventSource, String id, String type, String data) {
                if (id != null) {
                    lastEventId = id;
                }
                if ("closing".equals(type)) {
                    return; // the agent is stopping; the stream breaks next and is opened again
                }
                try {
                    listener.onEvent(type == null ? "message" : type, json.readTree(data));
                } catch (IOException e) {
                    listener.onEvent("gap", json.createObjectNode()); // unreadable: treat as missed
                }
            }

            @Override
            public void onClosed(EventSource eventSource) {
                retryLater();
            }

            @Override
            public void onFailure(EventSource eventSource, Throwable error, Response response) {
                retryLater();
            }
        });
    }

    private void retryLater() {
        listener.onConnected(false);
        if (closed) {
            return;
        }
        Duration wait;
        synchronized (this) {
            wait = nextRetry;
            nextRetry = nextRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : nextRetry.multipliedBy(2);
        }
        timer.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        EventSource current = source;
        if (current != null) {
            current.cancel();
        }
    }
}
