package dev.orchestrator.agent.connector.builtin;

import java.util.concurrent.TimeUnit;

/**
 * Spaces calls evenly: at most {@code perSecond} starts a second, shared by every task of a run that uses the
 * same connector. Waiting is interruptible, so a timeout or cancel stops a task that waits. Thread-safe.
 */
final class RateLimiter {

    private final long spacingNanos;
    private long nextFree;

    RateLimiter(double perSecond) {
        this.spacingNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.nextFree = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFree);
            nextFree = start + spacingNanos;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
