package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.connector.ConnectorConfigurationException;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.template.TemplateRenderException;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@link Retries#decide}: whether an ended attempt is tried again, and after how long (SPEC 4). */
class RetriesTest {

    /** Always draws the same value, and counts the draws. */
    private static final class FixedRandom implements RandomGenerator {
        private final double value;
        int draws;

        FixedRandom(double value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextDouble is drawn");
        }

        @Override
        public double nextDouble() {
            draws++;
            return value;
        }
    }

    private static Task task(String yamlTask) {
        String yaml = """
                pipelines:
                  - id: p
                    tasks:
                      - %s
                """.formatted(yamlTask);
        return new PipelineLoader(EnvironmentLookup.of(Map.of()))
                .loadText("test.yaml", yaml, Path.of("."))
                .files()
                .get(0)
                .pipelines()
                .get(0)
                .tasks()
                .get(0);
    }

    private static final Task FLAKY = task("{ id: t, connector: test, action: a, retry: { times: 2, delay_seconds: 1, "
            + "backoff: 3.0, jitter: 0.5 } }");

    @Test
    void aFailureIsRetriedAfterTheBackedOffDelayWithItsJitter() {
        FixedRandom random = new FixedRandom(0.5);
        assertThat(Retries.decide(FLAKY, 1, TaskState.FAILED, new IOException("x"), random))
                .contains(Duration.ofMillis(750));
        assertThat(Retries.decide(FLAKY, 2, TaskState.FAILED, new IOException("x"), random))
                .contains(Duration.ofMillis(2_250));
    }

    @Test
    void theLastAttemptIsNotRetried() {
        assertThat(Retries.decide(FLAKY, 3, TaskState.FAILED, new IOException("x"), new FixedRandom(0)))
                .isEmpty();
    }

    @Test
    void aSuccessIsNotRetriedAndDrawsNoRandomValue() {
        FixedRandom random = new FixedRandom(0);
        assertThat(Retries.decide(FLAKY, 1, TaskState.SUCCESS, null, random)).isEmpty();
        assertThat(random.draws).isZero();
    }

    @Test
    void configurationErrorsAndNonRetryableExceptionsAreNeverRetried() {
        FixedRandom random = new FixedRandom(0);
        assertThat(Retries.decide(FLAKY, 1, TaskState.FAILED, new NonRetryableException("no"), random))
                .isEmpty();
        assertThat(Retries.decide(
                        FLAKY,
                        1,
                        TaskState.FAILED,
                        new TemplateRenderException("action_kwargs.path", "unknown variable", null),
                        random))
                .isEmpty();
        assertThat(Retries.decide(FLAKY, 1, TaskState.FAILED, new ConnectorConfigurationException("bad"), random))
                .isEmpty();
        assertThat(random.draws).isZero();
    }

    @Test
    void onExceptionsNamesTheFailuresWorthRetryingSubclassesIncluded() {
        Task selective =
                task("{ id: t, connector: test, action: a, retry: { times: 1, on_exceptions: [IOException] } }");
        FixedRandom random = new FixedRandom(0);
        assertThat(Retries.decide(selective, 1, TaskState.FAILED, new FileNotFoundException("x"), random))
                .isPresent();
        assertThat(Retries.decide(selective, 1, TaskState.FAILED, new IllegalStateException("x"), random))
                .isEmpty();
        assertThat(Retries.decide(selective, 1, TaskState.TIMEOUT, new AttemptStoppedException("late", null), random))
                .as("on_exceptions without TimeoutException: a timeout is not retried")
                .isEmpty();
    }

    @Test
    void aTimeoutIsRetriedUnlessTheTaskWaitsOrIsASensor() {
        FixedRandom random = new FixedRandom(0);
        AttemptStoppedException late = new AttemptStoppedException("timed out", null);
        assertThat(Retries.decide(FLAKY, 1, TaskState.TIMEOUT, late, random)).isPresent();
        Task sensor = task(
                "{ id: t, connector: test, action: a, sensor: { poke_interval_seconds: 1 }, retry: { times: 2 } }");
        assertThat(Retries.decide(sensor, 1, TaskState.TIMEOUT, late, random)).isEmpty();
        assertThat(Retries.decide(sensor, 1, TaskState.FAILED, new IOException("x"), random))
                .as("a sensor whose poke failed is retried")
                .isPresent();
        Task wait = task("{ id: t, wait_for: { event: e, key: k }, retry: { times: 2 } }");
        assertThat(Retries.decide(wait, 1, TaskState.TIMEOUT, late, random)).isEmpty();
    }

    @Test
    void cancelledAndCrashedAttemptsAreNotRetried() {
        FixedRandom random = new FixedRandom(0);
        assertThat(Retries.decide(FLAKY, 1, TaskState.CANCELLED, new AttemptStoppedException("c", null), random))
                .isEmpty();
        assertThat(Retries.decide(FLAKY, 1, TaskState.CRASHED, new AttemptStoppedException("c", null), random))
                .isEmpty();
        assertThat(random.draws).isZero();
    }
}
