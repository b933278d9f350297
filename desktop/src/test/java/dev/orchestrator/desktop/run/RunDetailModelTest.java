package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run detail's model following a run, without the toolkit. */
class RunDetailModelTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now;

        MovingClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough here");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-21T06:00:10Z"));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static final String PIPELINE = """
            {"id":"load","name":"Load","tasks":[{"id":"fetch","depends_on":[]},{"id":"store","depends_on":["fetch"]}]}""";

    private static String run(String status, String fetch, String store) {
        return """
                {"run_id":"r1","pipeline_id":"load","status":"%s","trigger":"schedule",
                 "logical_time":"2026-11-21T06:00:00Z","created_at":"2026-11-21T06:00:00Z",
                 "started_at":"2026-11-21T06:00:00Z","params":{},"agent_id":"agent-2",
                 "tasks":[{"task_id":"fetch","status":"%s","attempts":[]},{"task_id":"store","status":"%s","attempts":[]}]}""".formatted(status, fetch, store);
    }

    private static String logs(int lines) {
        StringBuilder items = new StringBuilder();
        for (int id = 1; id <= lines; id++) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"id":%d,"task":"fetch","attempt":1,"level":"INFO","time":"2026-11-21T06:00:0%dZ","message":"line %d"}""".formatted(id, id, id));
        }
        return "{\"items\":[" + items + "]}";
    }

    @Test
    void aRunThatAnotherAgentOfTheClusterRunsIsReadAgainAtEachPollUntilItEnds() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.inHistory("history-of-the-cluster", "agent-1")
                    .answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", run("running", "running", "pending"))
                    .answer("/api/v1/runs/r1/logs", logs(1));
            AgentSession session = agent.session("one");
            session.refresh();
            RunDetailModel model = new RunDetailModel(
                            session, "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock)
                    .open();
            assertThat(model.states()).containsEntry("fetch", "running");
            assertThat(model.log()).extracting(LogLine::message).containsExactly("line 1");

            agent.answer("/api/v1/runs/r1", run("success", "success", "success"))
                    .answer("/api/v1/runs/r1/logs", logs(3));
            session.refresh(); // the session's poll: no event comes for a run of agent-2

            assertThat(model.runProperty().get().status()).isEqualTo("success");
            assertThat(model.states()).containsEntry("store", "success");
            assertThat(model.log()).extracting(LogLine::message).containsExactly("line 1", "line 2", "line 3");
            assertThat(model.isEnded()).isTrue();
            model.close();
        }
    }

    @Test
    void aRunningRunsDurationGrowsWithTheClockAndStopsAtItsEnd() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", run("running", "running", "pending"))
                    .answer("/api/v1/runs/r1/logs", logs(0));
            AgentSession session = agent.session("one");
            RunDetailModel model = new RunDetailModel(
                            session, "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock)
                    .open();
            assertThat(model.durationProperty().get()).isEqualTo(10_000);

            clock.advance(Duration.ofSeconds(5));

            Awaitility.await("the duration to follow the clock")
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            Long.valueOf(15_000).equals(model.durationProperty().get()));
            assertThat(model.nowProperty().get()).isEqualTo(Instant.parse("2026-11-21T06:00:15Z"));
            assertThat(model.isTicking()).isTrue();

            agent.answer(
                    "/api/v1/runs/r1",
                    run("success", "success", "success")
                            .replace("\"params\"", "\"finished_at\":\"2026-11-21T06:00:20Z\",\"params\""));
            model.eventArrived(new AgentSession.RunEvent(
                    "run",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree("{\"run_id\":\"r1\",\"status\":\"success\"}")));

            assertThat(model.isEnded()).isTrue();
            assertThat(model.isTicking()).as("an ended run's clock stops").isFalse();
            assertThat(model.durationProperty().get()).as("to its end").isEqualTo(20_000);
            clock.advance(Duration.ofMinutes(1));
            assertThat(model.durationProperty().get()).isEqualTo(20_000);
            model.close();
        }
    }

    @Test
    void aFailedRunOpensWithItsFirstFailedTaskSelected() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", """
                            {"run_id":"r1","pipeline_id":"load","status":"failed","trigger":"api",
                             "logical_time":"2026-11-21T06:00:00Z","created_at":"2026-11-21T06:00:00Z",
                             "started_at":"2026-11-21T06:00:00Z","finished_at":"2026-11-21T06:00:09Z","params":{},
                             "tasks":[{"task_id":"fetch","status":"success","attempts":[]},
                                      {"task_id":"store","status":"failed","started_at":"2026-11-21T06:00:05Z","attempts":[]},
                                      {"task_id":"report","status":"upstream_failed","attempts":[]}]}""")
                    .answer("/api/v1/runs/r1/logs", logs(0));
            AgentSession session = agent.session("one");

            RunDetailModel model = new RunDetailModel(
                            session, "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock)
                    .open();

            assertThat(model.selectedTaskProperty().get()).isEqualTo("store");
            assertThat(model.isTicking()).isFalse();
            model.close();
        }
    }
}
