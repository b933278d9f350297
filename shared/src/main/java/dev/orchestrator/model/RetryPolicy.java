package dev.orchestrator.model;

import java.time.Duration;
import java.util.List;

/**
 * How a failed attempt of a task is retried: {@code times} more attempts, waiting
 * {@code delay * backoff^(k-1)} before retry k, capped by {@code maxDelay}, shortened by up to
 * {@code jitter} (a fraction of the wait) chosen at random. With an explicit schedule ({@code delays}), retry k
 * waits {@code delays[k-1]} instead, the last one repeating, still shortened by {@code jitter} when set;
 * {@code delay}, {@code backoff} and {@code maxDelay} then play no part.
 *
 * @param onExceptions when not empty, only exceptions of these classes (simple or qualified names,
 *                     subclasses included) are retried
 * @param delays       {@code retry.delays}: the wait before each retry, in order; empty for the backoff schedule
 */
public record RetryPolicy(
        int times,
        Duration delay,
        double backoff,
        Duration maxDelay,
        double jitter,
        List<String> onExceptions,
        List<Duration> delays) {

    public static final int DEFAULT_TIMES = 3;
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    public static final double DEFAULT_BACKOFF = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);

    public RetryPolicy {
        onExceptions = List.copyOf(onExceptions);
        delays = List.copyOf(delays);
    }

    /** A backoff schedule, without explicit delays. */
    public RetryPolicy(
            int times, Duration delay, double backoff, Duration maxDelay, double jitter, List<String> onExceptions) {
        this(times, delay, backoff, maxDelay, jitter, onExceptions, List.of());
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_TIMES, DEFAULT_DELAY, DEFAULT_BACKOFF, DEFAULT_MAX_DELAY, 0.0, List.of());
    }

    /** Attempts in all: the first one plus the retries. */
    public int maxAttempts() {
        return 1 + times;
    }

    /** The wait before retry {@code retryNumber} (1 = the first retry), without jitter. */
    public Duration delayBefore(int retryNumber) {
        return delayBefore(retryNumber, 0.0);
    }

    /**
     * The wait before retry {@code retryNumber} (1 = the first retry).
     *
     * @param random a value in [0, 1), used only when jitter is set
     */
    public Duration delayBefore(int retryNumber, double random) {
        double seconds;
        if (delays.isEmpty()) {
            double grown = delay.toNanos() / 1e9 * Math.pow(backoff, Math.max(0, retryNumber - 1));
            seconds = Math.min(grown, maxDelay.toNanos() / 1e9);
        } else {
            int index = Math.min(Math.max(retryNumber, 1), delays.size()) - 1;
            seconds = delays.get(index).toNanos() / 1e9;
        }
        double jittered = seconds * (1.0 - jitter * random);
        return Duration.ofNanos((long) (jittered * 1e9));
    }
}
