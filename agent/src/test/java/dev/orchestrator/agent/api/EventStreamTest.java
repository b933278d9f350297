package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/events}: a run's changes and log lines, in order, and nothing lost across a reconnect. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class EventStreamTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: two_steps
                tasks:
                  - { id: first, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo alpha >&2; echo beta >&2"] } }
                  - { id: second, connector: shell, action: run, depends_on: [first], action_kwargs: { command: sh, args: ["-c", "echo gamma >&2"] } }
            """);

    /** What one listener received, as "type data" lines, with the ids. */
    private static final class Recorder extends EventSourceListener {
        final LinkedBlockingQueue<Received> events = new LinkedBlockingQueue<>();
        final CountDownLatch opened = new CountDownLatch(1);

        @Override
        public void onOpen(EventSource source, Response response) {
            opened.countDown();
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            events.add(new Received(id, type, data));
        }
    }

    private record Received(String id, String type, String data) {}

    private EventSource listen(Recorder recorder, String query, String lastEventId) throws InterruptedException {
        Request.Builder request = agent.request("/api/v1/events" + query);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        EventSource source = EventSources.createFactory(agent.http
                        .newBuilder()
                        .readTimeout(java.time.Duration.ZERO)
                        .build())
                .newEventSource(request.build(), recorder);
        assertThat(recorder.opened.await(5, TimeUnit.SECONDS))
                .as("stream opened")
                .isTrue();
        return source;
    }

    /** Events until the run's final {@code run} event. */
    private List<Received> untilRunEnds(Recorder recorder, String runId) throws InterruptedException {
        List<Received> received = new ArrayList<>();
        while (true) {
            Received event = recorder.events.poll(15, TimeUnit.SECONDS);
            assertThat(event).as("an event within 15 s; so far " + received).isNotNull();
            received.add(event);
            JsonNode data = json(event);
            if (event.type().equals("run")
                    && data.get("run_id").asText().equals(runId)
                    && !data.get("status").asText().equals("running")) {
                return received;
            }
        }
    }

    private JsonNode json(Received event) {
        try {
            return agent.json.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> describe(List<Received> events) {
        return events.stream()
                .map(event -> {
                    JsonNode data = json(event);
                    return switch (event.type()) {
                        case "run" -> "run " + data.get("status").asText();
                        case "task" ->
                            "task " + data.get("task_id").asText() + " "
                                    + data.get("status").asText();
                        case "log" ->
                            "log " + data.get("task_id").asText() + " "
                                    + data.get("message").asText();
                        default -> event.type();
                    };
                })
                .toList();
    }

    @Test
    void aTriggeredRunsChangesAndLogLinesArriveInOrder() throws Exception {
        Recorder recorder = new Recorder();
        EventSource source = listen(recorder, "", null);
        try {
            String runId = agent.post("/trigger/two_steps", "{}")
                    .json(agent.json)
                    .get("run_id")
                    .asText();

            List<Received> events = untilRunEnds(recorder, runId);

            assertThat(describe(events))
                    .containsExactly(
                            "run running",
                            "task first running",
                            "log first stderr: alpha",
                            "log first stderr: beta",
                            "task first success",
                            "task second running",
                            "log second stderr: gamma",
                            "task second success",
                            "run success");
            assertThat(events)
                    .extracting(event -> Long.parseLong(event.id()))
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(json(events.get(1)).get("pipeline_id").asText()).isEqualTo("two_steps");
        } finally {
            source.cancel();
        }
    }

    @Test
    void aClientReconnectingWithTheLastEventIdMissesNothing() throws Exception {
        Recorder first = new Recorder();
        EventSource source = listen(first, "", null);
        String firstRun = agent.post("/trigger/two_steps", "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
        List<Received> before = untilRunEnds(first, firstRun);
        source.cancel();
        String lastSeen = before.get(before.size() - 1).id();

        // while nobody listens, a whole run happens
        String missedRun = agent.runToEnd("two_steps");

        Recorder second = new Recorder();
        EventSource again = listen(second, "", lastSeen);
        try {
            List<Received> replayed = untilRunEnds(second, missedRun);
            assertThat(describe(replayed))
                    .containsExactly(
                            "run running",
                            "task first running",
                            "log first stderr: alpha",
                            "log first stderr: beta",
                            "task first success",
                            "task second running",
                            "log second stderr: gamma",
                            "task second success",
                            "run success");
            assertThat(replayed)
                    .allSatisfy(event ->
                            assertThat(json(event).get("run_id").asText()).isEqualTo(missedRun));
            assertThat(Long.parseLong(replayed.get(0).id())).isEqualTo(Long.parseLong(lastSeen) + 1);
        } finally {
            again.cancel();
        }
    }

    @Test
    void aStreamCanFollowOneRun() throws Exception {
        String earlier = agent.runToEnd("two_steps");
        Recorder recorder = new Recorder();
        String runId = agent.post("/trigger/two_steps", "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
        // from the very first buffered event on, filtered to the one run
        EventSource source = listen(recorder, "?run_id=" + runId + "&last_event_id=1", null);
        try {
            List<Received> all = untilRunEnds(recorder, runId);
            // id 1 is older than anything buffered: the stream says it cannot replay everything
            assertThat(all.get(0).type()).isEqualTo("gap");
            List<Received> events = all.subList(1, all.size());
            assertThat(events)
                    .extracting(this::json)
                    .allSatisfy(data -> assertThat(data.get("run_id").asText())
                            .isEqualTo(runId)
                            .isNotEqualTo(earlier));
            assertThat(describe(events)).contains("log second stderr: gamma");
        } finally {
            source.cancel();
        }
        assertThat(agent.get("/api/v1/events?last_event_id=abc").status()).isEqualTo(400);
    }
}
