package dev.orchestrator.desktop.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The console's background threads: a pool for talking to agents and a timer for what ticks. Both drop work asked
 * for after they stopped instead of refusing it: answers that were on their way when the console closed still reach
 * the UI thread, and what they do there (read the next page, tick a run's clock) must not end in an error dialog
 * while the window goes away. Before they stop, nothing is dropped (their queues have no bound).
 */
public final class ConsoleThreads {

    private ConsoleThreads() {}

    /** Daemon threads named {@code name}: they never keep the application from exiting. */
    public static ThreadFactory daemon(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The pool for requests to agents. */
    public static ExecutorService io(int threads, ThreadFactory factory) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                factory,
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The timer for refreshes, reconnects and clocks. */
    public static ScheduledExecutorService timer(ThreadFactory factory) {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, factory, new ThreadPoolExecutor.DiscardPolicy());
        timer.setRemoveOnCancelPolicy(true); // a cancelled refresh does not stay queued until its time
        return timer;
    }
}
