package dev.orchestrator.agent.api;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting tasks through a whole agent and its API (SPEC 4, "Waiting tasks and events"): {@code POST
 * /api/v1/events/{name}} completes waits by key, early events are kept, waits survive a restart, and event
 * pipelines run once per event.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class EventsApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: order_flow
                params: { order_id: "0" }
                tasks:
                  - id: wait_ready
                    wait_for: { event: order_ready, key: "{{ params.order_id }}" }
                    timeout_seconds: 600
                  - id: ship
                    connector: shell
                    action: run
                    action_kwargs: { command: cat }
                    depends_on: [wait_ready]
                    pass_output_from: wait_ready
              - id: on_file
                schedule: { type: event, event: file_arrived, max_instances: 1 }
                params: { path: none, size: 0 }
                tasks:
                  - { id: read, connector: shell, action: run, action_kwargs: { command: "echo {{ params.path }}" } }
            """);

    private String trigger(String orderId) {
        LiveAgent.Answer answer =
                agent.post("/trigger/order_flow", "{\"params\": {\"order_id\": \"" + orderId + "\"}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json(agent.json).get("run_id").asText();
    }

    private JsonNode post(String event, String body) {
        LiveAgent.Answer answer = agent.post("/api/v1/events/" + event, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json(agent.json);
    }

    private JsonNode run(String runId) {
        return agent.get("/api/v1/runs/" + runId).json(agent.json);
    }

    private JsonNode awaitRun(String runId, String what, Predicate<JsonNode> condition) {
        return await(what)
                .atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> run(runId), condition);
    }

    private JsonNode awaitWaiting(String runId) throws InterruptedException {
        return awaitRun(
                runId,
                "wait_ready to wait",
                run -> task(run, "wait_ready").get("status").asText().equals("waiting"));
    }

    /** Acceptance 1: the matching key completes the task and the run; the payload reaches the next task. */
    @Test
    void theEventWithTheMatchingKeyCompletesTheWaitAndTheRunAndPassesThePayloadOn() throws Exception {
        Recorder recorder = new Recorder();
        EventSource stream = listen(recorder, "?pipeline=order_flow");
        try {
            String runId = trigger("42");
            JsonNode waiting = awaitWaiting(runId);
            assertThat(waiting.get("status").asText()).isEqualTo("running");
            assertThat(task(waiting, "wait_ready").get("reason").asText())
                    .contains("waiting for event 'order_ready' with key '42'");

            JsonNode other = post("order_ready", "{\"key\": \"41\", \"payload\": {\"carrier\": \"ups\"}}");
            assertThat(other.get("delivered_to")).isEmpty();
            assertThat(other.get("kept_until").isNull())
                    .as("kept for a later wait")
                    .isFalse();
            Thread.sleep(300); // time for a wrong delivery to show: the different key must leave it waiting
            assertThat(task(run(runId), "wait_ready").get("status").asText())
                    .as("a different key leaves it waiting")
                    .isEqualTo("waiting");

            JsonNode matching =
                    post("order_ready", "{\"key\": 42, \"payload\": {\"carrier\": \"dhl\", \"parcels\": 2}}");

            assertThat(matching.get("delivered_to")).singleElement().satisfies(wait -> {
                assertThat(wait.get("run_id").asText()).isEqualTo(runId);
                assertThat(wait.get("task_id").asText()).isEqualTo("wait_ready");
            });
            assertThat(matching.get("kept_until").isNull()).isTrue();
            assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
            JsonNode done = run(runId);
            assertThat(agent.json.readTree(
                            task(done, "wait_ready").get("output").asText()))
                    .isEqualTo(agent.json.readTree("{\"carrier\": \"dhl\", \"parcels\": 2}"));
            assertThat(agent.json.readTree(task(done, "ship").get("output").asText()))
                    .as("pass_output_from: the payload went through `cat` on stdin")
                    .isEqualTo(agent.json.readTree("{\"carrier\": \"dhl\", \"parcels\": 2}"));
            assertThat(recorder.taskStates(runId, "wait_ready", 15))
                    .as("the event stream shows the wait")
                    .containsSubsequence("waiting", "success");
        } finally {
            stream.cancel();
        }
    }

    /** Acceptance 2: an event that comes first waits for its task. */
    @Test
    void anEventPostedBeforeTheRunStartsIsConsumedWhenTheTaskBeginsToWait() throws InterruptedException {
        JsonNode early = post("order_ready", "{\"key\": \"7\", \"payload\": \"ready early\"}");
        assertThat(early.get("delivered_to")).isEmpty();
        assertThat(early.get("kept_until").asText()).isNotBlank();

        String runId = trigger("7");

        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(task(run(runId), "ship").get("output").asText()).contains("ready early");
        assertThat(post("order_ready", "{\"key\": \"7\"}").get("kept_until").isNull())
                .as("the kept event was used up; this one is kept anew")
                .isFalse();
    }

    /** Acceptance 4: a wait survives the agent stopping and starting; the run is not crashed. */
    @Test
    void aWaitSurvivesARestartAndCompletesOnItsEvent() throws Exception {
        String runId = trigger("99");
        awaitWaiting(runId);

        long stopping = System.nanoTime();
        agent.agent.restart();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .as("a waiting run does not hold the stop")
                .isLessThan(Duration.ofSeconds(20));

        JsonNode afterRestart = run(runId);
        assertThat(afterRestart.get("status").asText()).isEqualTo("running");
        assertThat(task(afterRestart, "wait_ready").get("status").asText()).isEqualTo("waiting");
        JsonNode delivered = post("order_ready", "{\"key\": \"99\", \"payload\": {\"after\": \"restart\"}}");
        assertThat(delivered.get("delivered_to")).hasSize(1);
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        JsonNode done = run(runId);
        assertThat(task(done, "ship").get("output").asText()).contains("restart");
        assertThat(task(done, "wait_ready").get("attempts")).hasSize(1);
    }

    /** Acceptance 6: each event starts one run of the event pipeline, its payload as the params. */
    @Test
    void anEventPipelineRunsOncePerEventWithThePayloadAsParams() throws InterruptedException {
        List<String> runIds = new ArrayList<>();
        for (String path : List.of("a.csv", "b.csv", "c.csv")) {
            JsonNode routed = post("file_arrived", "{\"payload\": {\"path\": \"" + path + "\", \"size\": 12}}");
            assertThat(routed.get("started_runs")).hasSize(1);
            runIds.add(routed.get("started_runs").get(0).asText());
        }

        List<String> outputs = new ArrayList<>();
        for (String runId : runIds) {
            assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
            JsonNode run = run(runId);
            assertThat(run.get("trigger").asText()).isEqualTo("event");
            assertThat(run.get("params").get("size").asInt()).isEqualTo(12);
            outputs.add(task(run, "read").get("output").asText());
        }
        assertThat(outputs)
                .satisfiesExactly(
                        output -> assertThat(output).contains("a.csv"),
                        output -> assertThat(output).contains("b.csv"),
                        output -> assertThat(output).contains("c.csv"));
        JsonNode all = agent.get("/api/v1/runs?pipeline=on_file").json(agent.json);
        assertThat(all.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void aPausedEventPipelineStartsNothingAndBadEventsAreRefused() {
        assertThat(agent.post("/pause/on_file", "").status()).isEqualTo(200);
        JsonNode routed = post("file_arrived", "{\"payload\": {\"path\": \"x.csv\"}}");
        assertThat(routed.get("started_runs")).isEmpty();
        assertThat(routed.get("paused_pipelines")).extracting(JsonNode::asText).containsExactly("on_file");

        assertThat(agent.post("/api/v1/events/not%20a%20name", "{}").status()).isEqualTo(400);
        assertThat(agent.post("/api/v1/events/file_arrived", "{\"payload\": [1, 2]}")
                        .body())
                .contains("JSON object")
                .contains("on_file");
        assertThat(agent.post("/api/v1/events/order_ready", "{\"key\": {\"id\": 1}}")
                        .status())
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/events/order_ready", "{\"kye\": \"1\"}").body())
                .contains("unknown field 'kye'");
    }

    /** A listener on the event stream, keeping what it hears. */
    private static final class Recorder extends EventSourceListener {
        final LinkedBlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        final CountDownLatch opened = new CountDownLatch(1);

        @Override
        public void onOpen(EventSource source, Response response) {
            opened.countDown();
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            events.add(new String[] {type, data});
        }

        /** The states of one task, as they arrive, until it succeeds or {@code seconds} pass without news. */
        List<String> taskStates(String runId, String taskId, int seconds) throws InterruptedException {
            List<String> states = new ArrayList<>();
            while (!states.contains("success")) {
                String[] event = events.poll(seconds, TimeUnit.SECONDS);
                if (event == null) {
                    return states;
                }
                JsonNode data = read(event[1]);
                if (event[0].equals("task")
                        && data.path("run_id").asText().equals(runId)
                        && data.path("task_id").asText().equals(taskId)) {
                    states.add(data.path("status").asText());
                }
            }
            return states;
        }

        private static JsonNode read(String data) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private EventSource listen(Recorder recorder, String query) throws InterruptedException {
        EventSource source = EventSources.createFactory(
                        agent.http.newBuilder().readTimeout(Duration.ZERO).build())
                .newEventSource(agent.request("/api/v1/events" + query).build(), recorder);
        assertThat(recorder.opened.await(5, TimeUnit.SECONDS))
                .as("stream opened")
                .isTrue();
        return source;
    }
}
