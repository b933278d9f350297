package dev.orchestrator.agent.execute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The timers of one run: its own timeout, and the retries waiting out their delay. Each fires on a worker
 * ({@link EngineThreads#after}), never on a timer thread. An attempt's own timers (its timeout, its grace
 * period, a sensor's next poke) are scheduled here too but held by the attempt, which cancels them when it ends.
 *
 * <p>Not thread-safe: used under its coordinator's lock; the work it schedules calls back through that lock.
 */
final class RunTimers {

    private final EngineThreads threads;
    private final Map<String, ScheduledFuture<?>> retries = new LinkedHashMap<>();
    private ScheduledFuture<?> runTimeout;

    RunTimers(EngineThreads threads) {
        this.threads = threads;
    }

    /** The run's own timeout: {@code work} runs once {@code delay} is over, unless cancelled before. */
    void runTimeoutIn(Duration delay, Runnable work) {
        runTimeout = threads.after(delay, work);
    }

    /** The task's next attempt is due after {@code delay}. */
    void retryIn(String taskId, Duration delay, Runnable work) {
        retries.put(taskId, threads.after(delay, work));
    }

    /** The task's retry delay is over: true when it was still waiting (not cancelled meanwhile). */
    boolean retryDue(String taskId) {
        return retries.remove(taskId) != null;
    }

    /** The task's retry is off: an operator marked the task while it waited out its delay. */
    void cancelRetry(String taskId) {
        ScheduledFuture<?> timer = retries.remove(taskId);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    boolean hasRetriesWaiting() {
        return !retries.isEmpty();
    }

    /** Cancels the retries waiting out their delay, and says whose they were, in the order they began. */
    List<String> cancelRetries() {
        List<String> taskIds = new ArrayList<>(retries.keySet());
        retries.values().forEach(timer -> timer.cancel(false));
        retries.clear();
        return taskIds;
    }

    /** An attempt's timer; the attempt holds it and cancels it when it ends. */
    ScheduledFuture<?> forAttempt(Duration delay, Runnable work) {
        return threads.after(delay, work);
    }

    void cancelRunTimeout() {
        if (runTimeout != null) {
            runTimeout.cancel(false);
        }
    }

    /** The run ends here (crashed, or left to the next start): its timeout and its retries are off. */
    void cancelAll() {
        cancelRetries();
        cancelRunTimeout();
    }
}
