package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run marked crashed by another agent of the cluster that took this one for dead, while it was still going
 * here: the first end stands, and the engine ends its run quietly instead of writing a late end over it.
 */
class ExecutorTakenForDeadTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @Test
    void aRunMarkedCrashedElsewhereStaysCrashedWhenItsTasksEndHere() throws InterruptedException {
        String runId = engine.start(engine.pipeline("""
                pipelines:
                  - id: long_one
                    tasks:
                      - { id: slow, connector: test, action: sleep, action_kwargs: { millis: 3000 }, timeout_seconds: 60 }
                      - { id: after, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [slow] }
                """));
        await("the slow task to run")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> engine.events.contains("slow:running"));
        assertThat(engine.events).contains("slow:running");
        assertThat(engine.store.markUnfinishedCrashed(
                        "test-agent", "agent test-agent stopped (taken for dead)", Instant.now()))
                .isEqualTo(1);

        assertThat(engine.await(runId)).as("the run's end as the store has it").isEqualTo(RunState.CRASHED);

        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunState.CRASHED);
        assertThat(detail.run().reason()).contains("agent test-agent stopped (taken for dead)");
        assertThat(detail.task("slow").orElseThrow().status()).isEqualTo(TaskState.CRASHED);
        assertThat(detail.task("after").orElseThrow().status())
                .as("never started: skipped, saying why")
                .isEqualTo(TaskState.SKIPPED);
        assertThat(detail.task("after").orElseThrow().attempts())
                .as("nothing started in a crashed run")
                .isEmpty();
    }
}
