package dev.orchestrator.agent.execute;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * An attempt in flight, as its run's coordinator tracks it. It ends exactly once: when its code returns, or
 * when a stop's grace period runs out first. Guarded by the coordinator's lock.
 */
final class RunningAttempt {

    private final String taskId;
    private final int number;
    private final AttemptContext context;
    private final Instant startedAt;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private ScheduledFuture<?> wakeUp;
    private int pokes;
    private boolean ended;
    private TaskState stoppedAs;
    private String stopReason;

    RunningAttempt(String taskId, int number, AttemptContext context, Instant startedAt) {
        this.taskId = taskId;
        this.number = number;
        this.context = context;
        this.startedAt = startedAt;
    }

    String taskId() {
        return taskId;
    }

    int number() {
        return number;
    }

    AttemptContext context() {
        return context;
    }

    Instant startedAt() {
        return startedAt;
    }

    void addTimer(ScheduledFuture<?> timer) {
        timers.add(timer);
    }

    /** The timer of a sensor's next poke: one at a time, replaced by the next, cancelled with the others. */
    void wakeUpWith(ScheduledFuture<?> timer) {
        wakeUp = timer;
    }

    /** A sensor's attempt calls its action again; returns the number of this poke, from 1. */
    int poke() {
        return ++pokes;
    }

    int pokes() {
        return pokes;
    }

    /** Marks the attempt ended; false when it already was. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        cancelTimers();
        return true;
    }

    /** Its timers stop without ending it: the agent stops, and the next start takes the attempt over. */
    void cancelTimers() {
        timers.forEach(timer -> timer.cancel(false));
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
    }

    boolean isEnded() {
        return ended;
    }

    /** Stops the attempt's code; it will end as {@code state} whatever it returns. */
    boolean stop(TaskState state, String reason) {
        if (ended || stoppedAs != null) {
            return false;
        }
        stoppedAs = state;
        stopReason = reason;
        context.stop(reason);
        return true;
    }

    boolean isStopped() {
        return stoppedAs != null;
    }

    TaskState stoppedAs() {
        return stoppedAs;
    }

    String stopReason() {
        return stopReason;
    }
}
