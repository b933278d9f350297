package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, the console's memory over an hour of use: a run screen left (another run opened, as the window does) lets
 * go of everything, also when the read it started comes back after it was left; a run followed live for long keeps
 * its newest log lines, not all of them.
 */
class RunScreenLeaksTest {

    private static final String PIPELINE = """
            {"id":"load","name":"Load","tasks":[{"id":"fetch","depends_on":[]}]}""";
    private static final String RUNNING = """
            {"run_id":"r1","pipeline_id":"load","status":"running","trigger":"manual",
             "logical_time":"2026-11-21T06:00:00Z","created_at":"2026-11-21T06:00:00Z",
             "started_at":"2026-11-21T06:00:00Z","params":{},"agent_id":"agent-1",
             "tasks":[{"task_id":"fetch","status":"running","attempts":[]}]}""";

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T06:00:10Z"), ZoneOffset.UTC);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void fiftyRunScreensLeftBeforeTheirReadsCameBackLeaveNoTickBehind() throws Exception {
        timer.setRemoveOnCancelPolicy(true); // a cancelled tick leaves the queue at once: the queue is what is kept
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", RUNNING)
                    .answer("/api/v1/runs/r1/logs", "{\"items\":[]}");
            AgentSession session = agent.session("one");
            List<RunDetailModel> left = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                List<Runnable> reads = new ArrayList<>();
                RunDetailModel model = new RunDetailModel(
                                session, "r1", new DagLayout(), reads::add, Runnable::run, timer, clock)
                        .open();
                model.close(); // the user opened the next run before this one was read
                reads.forEach(Runnable::run); // and its read came back
                assertThat(model.runProperty().get()).as("the read was applied").isNotNull();
                left.add(model);
            }

            assertThat(left).noneMatch(RunDetailModel::isTicking);
            assertThat(timer.getQueue())
                    .as("ticks scheduled for run screens no longer shown (each holds its screen)")
                    .isEmpty();
        }
    }

    @Test
    void aRunScreenLeftWhileItsRunRunsStopsTicking() throws Exception {
        timer.setRemoveOnCancelPolicy(true);
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", RUNNING)
                    .answer("/api/v1/runs/r1/logs", "{\"items\":[]}");
            RunDetailModel model = new RunDetailModel(
                            agent.session("one"), "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock)
                    .open();
            assertThat(model.isTicking()).isTrue();

            model.close();

            assertThat(model.isTicking()).isFalse();
            assertThat(timer.getQueue()).isEmpty();
        }
    }

    @Test
    void aRunFollowedLiveForLongKeepsItsNewestLinesOnly() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipeline/load", PIPELINE)
                    .answer("/api/v1/runs/r1", RUNNING)
                    .answer("/api/v1/runs/r1/logs", "{\"items\":[]}");
            RunDetailModel model = new RunDetailModel(
                            agent.session("one"), "r1", new DagLayout(), Runnable::run, Runnable::run, timer, clock)
                    .open();
            ObjectMapper json = new ObjectMapper();
            int written = LiveLog.MAX_LINES + 5_000;
            for (int line = 1; line <= written; line++) {
                model.eventArrived(new AgentSession.RunEvent("log", json.readTree("""
                                {"run_id":"r1","task_id":"fetch","attempt":1,"level":"INFO",
                                 "time":"2026-11-21T06:00:01Z","message":"line %d"}""".formatted(line))));
            }

            assertThat(model.log()).hasSizeLessThanOrEqualTo(LiveLog.MAX_LINES);
            assertThat(model.log().get(model.log().size() - 1).message()).isEqualTo("line " + written);
            assertThat(model.log().get(0).message())
                    .isEqualTo("line " + (written - model.log().size() + 1));
            model.close();
        }
    }
}
