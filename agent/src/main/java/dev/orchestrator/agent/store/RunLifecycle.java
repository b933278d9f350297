package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A run's life as it happens: the run and its tasks created, started and ended, each attempt's start and end,
 * and the run's events. Every method commits before it returns, so a state is durable before anyone is told of
 * it. Implementations must be thread-safe; text handed in is already masked.
 */
public interface RunLifecycle {

    /** Inserts a run and one {@code pending} row per task, in one transaction. */
    default void insertRun(RunRecord run, List<String> taskIds) {
        insertRuns(List.of(new NewRun(run, taskIds)));
    }

    /** Inserts several runs with their task rows in one transaction: runs due at the same moment. */
    void insertRuns(List<NewRun> runs);

    /** A run to insert, with the ids of its tasks in file order. */
    record NewRun(RunRecord run, List<String> taskIds) {}

    /** Moves a {@code queued} run to {@code running}; a run in any other state is left as it is. */
    void markRunStarted(String runId, Instant at);

    /**
     * Ends a run that is {@code queued} or {@code running}. A run that has ended already keeps its end: only
     * its first end counts, whoever wrote it (as another agent that took this one for dead marks its runs
     * crashed).
     *
     * @return true when this call ended the run; false when it had ended already (or does not exist)
     */
    boolean finishRun(String runId, RunState state, Instant at, Optional<String> reason);

    /**
     * Moves a task to {@code running} and records the attempt's start, in one transaction.
     *
     * @return as {@link #startAttempt(String, String, int, Instant, TaskState, Optional)}
     */
    default boolean startAttempt(String runId, String taskId, int number, Instant at) {
        return startAttempt(runId, taskId, number, at, TaskState.RUNNING, Optional.empty());
    }

    /**
     * Records an attempt's start, in one transaction with its task's new state: {@code running}, or
     * {@code waiting} for an attempt that waits for an event.
     *
     * @param note shown as the task's reason while it is in this state (what it waits for)
     * @return true when started; false, recording nothing, when the task has ended already (its run was marked
     *         crashed meanwhile)
     */
    boolean startAttempt(String runId, String taskId, int number, Instant at, TaskState state, Optional<String> note);

    /**
     * Moves a started attempt and its task between {@code running} and {@code waiting}: a sensor between two
     * pokes waits. An attempt or task that has ended already is left as it is.
     */
    void switchAttempt(String runId, String taskId, int number, TaskState state, Optional<String> note);

    /**
     * Records an attempt's end, its task's new state and its last log lines, in one transaction. The lines are
     * kept whatever happens; an attempt or a task that has ended already keeps its end.
     *
     * @return true when the task took the new state; false when it had ended already (its run was marked
     *         crashed meanwhile)
     */
    boolean finishAttempt(AttemptOutcome outcome);

    /**
     * Moves tasks that never ran (skipped, upstream_failed, cancelled) to their final state at once; a task that
     * has ended already keeps its end.
     */
    void finishTasksWithoutRunning(
            String runId, Collection<String> taskIds, TaskState state, Instant at, Optional<String> reason);

    /** Records that a retried run took over a successful task (and its output) from an earlier run. */
    void reuseTask(String runId, String taskId, StoredOutput output, Instant at);

    /** Records a process group an attempt started; the row goes when the attempt ends ({@link #finishAttempt}). */
    void recordProcessGroup(TaskProcessGroup group);

    void addEvent(String runId, String kind, String message, Instant at);
}
