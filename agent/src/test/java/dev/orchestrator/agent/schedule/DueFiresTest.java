package dev.orchestrator.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.execute.RunExecutor.ScheduledStart;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.testsupport.MovableClock;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fires held ahead of their time start when the agent's clock, not the system's, reaches them. */
class DueFiresTest {

    // a century from the system's clock: a fire timed by the system's clock would wait forever, or start at once
    private static final Instant T = Instant.parse("2126-01-01T00:00:00Z");

    private static final Pipeline PIPELINE = new PipelineLoader(EnvironmentLookup.of(Map.of()))
            .loadText("p.yaml", """
            pipelines:
              - id: hourly
                schedule: { type: cron, cron_expr: "0 * * * *" }
                tasks:
                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
            """, Path.of("."))
            .files()
            .get(0)
            .pipelines()
            .get(0);

    private static ScheduledStart fire(Instant at) {
        return new ScheduledStart(
                PIPELINE, RunRequest.manual(Map.of(at.toString(), at.toString())), SecretMasker.none());
    }

    @Test
    void aHeldFireStartsWhenTheAgentsClockReachesItsTimeAndNotBefore() throws InterruptedException {
        MovableClock clock = new MovableClock(T);
        BlockingQueue<List<ScheduledStart>> batches = new LinkedBlockingQueue<>();
        DueFires fires = new DueFires(clock, batches::add);
        try {
            ScheduledStart inAnHour = fire(T.plus(Duration.ofHours(1)));
            ScheduledStart now = fire(T);
            fires.hold(inAnHour, T.plus(Duration.ofHours(1)));
            fires.hold(now, T);

            // the fire due by the clock starts; the other, held before it, is not due and stays
            assertThat(batches.poll(30, TimeUnit.SECONDS)).containsExactly(now);
            assertThat(fires.heldOf("hourly")).isEqualTo(1);

            clock.set(T.plus(Duration.ofHours(1)));
            assertThat(batches.poll(30, TimeUnit.SECONDS))
                    .as("started once the clock reached it")
                    .containsExactly(inAnHour);
            assertThat(fires.heldOf("hourly")).isZero();
        } finally {
            fires.stop();
            assertThat(fires.unstarted()).isEmpty();
        }
    }

    @Test
    void aStopGivesBackTheFiresNotStarted() {
        MovableClock clock = new MovableClock(T);
        DueFires fires = new DueFires(clock, batch -> {
            throw new AssertionError("nothing is due");
        });
        ScheduledStart later = fire(T.plusSeconds(1));
        fires.hold(later, T.plusSeconds(1));

        fires.stop();

        assertThat(fires.unstarted()).containsExactly(later);
    }
}
