package dev.orchestrator.model;

import java.time.Duration;
import java.util.List;

/**
 * How a failed attempt of a task is retried: {@code times} more attempts, waiting
 * {@code delay * backoff^(k-1)} before retry k, capped by {@code maxDelay}, shortened by up to
 * {@code jitter} (a fraction of the wait) chosen at random.
 *
 * @param onExceptions when not empty, only exceptions of these classes (simple or qualified names,
 *                     subclasses included) are retried
 */
public record RetryPolicy(
        int times, Duration delay, double backoff, Duration maxDelay, double jitter, List<String> onExceptions) {

    public static final int DEFAULT_TIMES = 3;
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    public static final double DEFAULT_BACKOFF = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);

    public RetryPolicy {
        onExceptions = List.copyOf(onExceptions);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_TIMES, DEFAULT_DELAY, DEFAULT_BACKOFF, DEFAULT_MAX_DELAY, 0.0, List.of());
    }

    /** Attempts in all: the first one plus the retries. */
    public int maxAttempts() {
        return 1 + times;
    }

    /**
     * The wait before retry {@code retryNumber} (1 = the first retry).
     *
     * @param random a value in [0, 1), used only when jitter is set
     */
    public Duration delayBefore(int retryNumber, double random) {
        double seconds = delay.toNanos() / 1e9 * Math.pow(backoff, Math.max(0, retryNumber - 1));
        double capped = Math.min(seconds, maxDelay.toNanos() / 1e9);
        double jittered = capped * (1.0 - jitter * random);
        return Duration.ofNanos((long) (jittered * 1e9));
    }
}
