package dev.orchestrator.agent.execute;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's threads: workers, which do the work (an attempt's code, database writes, processes), and two
 * timer threads, which only decide <em>when</em>. Whatever a timer sets going is handed to a worker, so a slow
 * disk under one run's write cannot delay the timeouts and retries of every other run of the agent.
 *
 * <p>Thread-safe.
 */
final class EngineThreads {

    /** The names of the timer threads start so; a test checks that none of them calls the store. */
    static final String TIMER_PREFIX = "engine-timer-";

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);

    private final ExecutorService workers = Executors.newCachedThreadPool(daemons("task-"));
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, daemons(TIMER_PREFIX));

    EngineThreads() {
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Threads named after the prefix and a counter (1, 2, …), that do not keep the JVM alive. */
    static ThreadFactory daemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    ExecutorService workers() {
        return workers;
    }

    /**
     * Runs {@code work} on a worker once {@code delay} is over. Cancelling the returned future stops it only while
     * it has not been handed over yet, so the work must check for itself whether it is still due.
     */
    ScheduledFuture<?> after(Duration delay, Runnable work) {
        return timers.schedule(() -> handOver(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} on a worker every {@code interval}. A round due while the previous one still runs is
     * skipped, so work slowed down by a slow disk does not pile up.
     */
    void every(Duration interval, Runnable work) {
        AtomicBoolean going = new AtomicBoolean();
        Runnable round = () -> {
            try {
                work.run();
            } finally {
                going.set(false);
            }
        };
        timers.scheduleWithFixedDelay(
                () -> {
                    if (going.compareAndSet(false, true)) {
                        if (!handOver(round)) {
                            going.set(false);
                        }
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private boolean handOver(Runnable work) {
        try {
            workers.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            // the engine is shut down: what was still timed belongs to runs the next start recovers
            LOG.debug("the engine has stopped; timed work not run: {}", e.toString());
            return false;
        }
    }

    /**
     * Stops both without interrupting them (H2 closes its file when a thread is interrupted mid-write): work
     * handed over finishes; the timers get two seconds.
     */
    void shutdown() {
        timers.shutdown();
        workers.shutdown();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
