package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's {@code retry.delays}: retry k waits delays[k-1], the last one repeating, measured on the attempts'
 * recorded start and end times (the engine's timers run on the system clock; the schedule's arithmetic itself is
 * RetryPolicyTest's, in shared).
 */
class RetryDelaysTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @Test
    void eachRetryWaitsItsDelayAndTheLastDelayRepeats(TestInfo test) throws InterruptedException {
        String journal = test.getDisplayName() + System.nanoTime();
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: scheduled
                    tasks:
                      - id: call
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: call, failures: 3 }
                        retry: { times: 3, delays: [1.2, 0.1] }
                """.formatted(journal)));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        List<AttemptRecord> attempts = detail.task("call").orElseThrow().attempts();
        assertThat(attempts)
                .extracting(AttemptRecord::status)
                .containsExactly(TaskState.FAILED, TaskState.FAILED, TaskState.FAILED, TaskState.SUCCESS);
        List<Duration> waits = List.of(wait(attempts, 1), wait(attempts, 2), wait(attempts, 3));
        // a long first delay, then short ones: neither the backoff default (5 s, growing) nor a growing schedule
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(1_190), Duration.ofMillis(4_000));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(90), Duration.ofMillis(1_000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(90), Duration.ofMillis(1_000));
    }

    /** The wait before retry {@code k}: from the end of attempt k to the start of attempt k + 1. */
    private static Duration wait(List<AttemptRecord> attempts, int k) {
        return Duration.between(
                attempts.get(k - 1).finishedAt().orElseThrow(), attempts.get(k).startedAt());
    }
}
