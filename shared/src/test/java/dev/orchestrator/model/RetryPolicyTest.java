package dev.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy withDelays(double jitter, long... seconds) {
        List<Duration> delays =
                java.util.Arrays.stream(seconds).mapToObj(Duration::ofSeconds).toList();
        return new RetryPolicy(5, Duration.ofSeconds(2), 3.0, Duration.ofSeconds(4), jitter, List.of(), delays);
    }

    @Test
    void retryKWaitsTheKthDelayAndTheLastOneRepeats() {
        RetryPolicy policy = withDelays(0.0, 1, 5, 10);

        assertThat(List.of(1, 2, 3, 4, 7).stream().map(policy::delayBefore).toList())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10));
    }

    @Test
    void explicitDelaysIgnoreBackoffAndMaxDelay() {
        // delay 2 s, backoff 3 and max 4 s would give 2, 4, 4; the schedule says 30, 60
        RetryPolicy policy = withDelays(0.0, 30, 60);

        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(2, 0.9)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterShortensAnExplicitDelayToo() {
        RetryPolicy policy = withDelays(0.5, 10);

        assertThat(policy.delayBefore(1, 0.5)).isEqualTo(Duration.ofMillis(7_500));
    }

    @Test
    void withoutDelaysTheBackoffScheduleIsUnchanged() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3), 0.0, List.of());

        assertThat(policy.delays()).isEmpty();
        assertThat(List.of(1, 2, 3).stream().map(policy::delayBefore).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }
}
