package dev.orchestrator.agent.execute;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread on which an admission ({@link PoolAdmission}, {@link ResourceAdmission}) wakes the runs whose tasks wait
 * for it: outside every run's lock, one waker after the other, a waker that fails logged without stopping the others.
 * Once closed (the agent is stopping) it wakes nobody: no run starts another task.
 *
 * <p>Thread-safe.
 */
final class RunWakes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunWakes.class);

    private final ScheduledThreadPoolExecutor thread;
    private final String waitedFor;

    /**
     * @param threadPrefix the name of the thread, before its number
     * @param waitedFor    what the woken tasks wait for, as the log says it ("pool slots")
     */
    RunWakes(String threadPrefix, String waitedFor) {
        this.thread = new ScheduledThreadPoolExecutor(1, EngineThreads.daemons(threadPrefix));
        this.thread.setRemoveOnCancelPolicy(true);
        this.waitedFor = waitedFor;
    }

    /** Runs the wakers on this thread, in order. */
    void wake(List<Runnable> wakers) {
        if (wakers.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> wakers.forEach(this::runQuietly));
        } catch (RejectedExecutionException e) {
            // the agent is stopping: no run starts another task
        }
    }

    /** Runs the wakers {@code wakers} gives, every {@code period} on this thread, until closed. */
    void every(Duration period, Supplier<List<Runnable>> wakers) {
        thread.scheduleWithFixedDelay(
                () -> wakers.get().forEach(this::runQuietly),
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runQuietly(Runnable waker) {
        try {
            waker.run();
        } catch (RuntimeException e) { // one run's failure must not stop the wakes of the others
            LOG.error("waking a run waiting for {} failed", waitedFor, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
