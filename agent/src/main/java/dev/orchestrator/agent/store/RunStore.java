package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The run history: runs, their tasks, attempts, logs and events. Every method commits before it returns, so a
 * state is durable before anyone is told of it. Implementations must be thread-safe; text handed in is
 * already masked.
 */
public interface RunStore {

    /** Inserts a run and one {@code pending} row per task, in one transaction. */
    default void insertRun(RunRecord run, List<String> taskIds) {
        insertRuns(List.of(new NewRun(run, taskIds)));
    }

    /** Inserts several runs with their task rows in one transaction: runs due at the same moment. */
    void insertRuns(List<NewRun> runs);

    /**
     * Inserts the runs of scheduled fires in one transaction, each only if its fire is still handed over to
     * {@code agentId} (see {@link PipelineStateStore#claimFire}), and settles those fires in the same transaction.
     * A run whose fire was taken over by another agent meanwhile is left out: a fire becomes one run at most.
     * A run whose {@code agent_id} is another agent's is handed over to it: that agent takes it with
     * {@link #takeHandedOverRuns}.
     *
     * @return the ids of the runs inserted
     */
    java.util.Set<String> insertScheduledRuns(String agentId, List<NewRun> runs);

    /**
     * The pipeline's runs {@code queued} or {@code running} on the agents of the cluster (those with a heartbeat
     * row), and those handed over and not yet taken.
     */
    int countUnfinished(String pipelineId);

    /** The runs handed over to this agent that it has not taken yet, oldest first. */
    List<String> handedOverRuns(String agentId);

    /**
     * Takes one run handed over to this agent: true for one call only, and only while the run is still handed to
     * it (not handed on meanwhile, as when it was taken for dead).
     */
    boolean takeHandedOverRun(String runId, String agentId);

    /** Takes every run handed over to this agent, oldest first ({@link #takeHandedOverRun} each). */
    default List<String> takeHandedOverRuns(String agentId) {
        return handedOverRuns(agentId).stream().filter(runId -> takeHandedOverRun(runId, agentId)).toList();
    }

    /**
     * Hands the runs handed over to {@code fromAgentId} and not yet taken on to {@code toAgentId}: when that
     * agent is found dead, or leaves the cluster.
     *
     * @return how many runs were handed on
     */
    int handOnUntakenRuns(String fromAgentId, String toAgentId);

    /**
     * Agents that runs were handed to, not yet taken, and that have no heartbeat row: gone from the cluster (a
     * clean stop racing a hand-over to it), so that a live agent takes their runs.
     */
    List<String> agentsWithUntakenRunsAndNoHeartbeat();

    /** A run to insert, with the ids of its tasks in file order. */
    record NewRun(RunRecord run, List<String> taskIds) {
    }

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
    void finishTasksWithoutRunning(String runId, Collection<String> taskIds, TaskState state, Instant at,
                                   Optional<String> reason);

    /** Records that a retried run took over a successful task (and its output) from an earlier run. */
    void reuseTask(String runId, String taskId, StoredOutput output, Instant at);

    void appendLogs(List<LogLine> lines);

    void addEvent(String runId, String kind, String message, Instant at);

    Optional<RunDetail> findRun(String runId);

    /** The run and how many of its tasks are in each state, without reading the tasks themselves. */
    Optional<RunProgress> findRunProgress(String runId);

    /** Runs matching the query, newest first, one page of them. */
    Page<RunRecord> findRuns(RunQuery query);

    /** The runs of a pipeline, oldest first, at most {@code limit}. */
    List<RunRecord> findRuns(String pipelineId, int limit);

    Optional<StoredOutput> findOutput(String runId, String taskId);

    /** How many log lines a run (or one of its tasks) has. */
    long countLogs(String runId, Optional<String> taskId);

    /** Log lines of a run, oldest first, after the line with id {@code afterId}. */
    List<LogLine> findLogs(String runId, Optional<String> taskId, long afterId, int limit);

    /** Records a process group an attempt started; the row goes when the attempt ends ({@link #finishAttempt}). */
    void recordProcessGroup(TaskProcessGroup group);

    /**
     * The process groups recorded for attempts of runs this agent left {@code queued} or {@code running}: what
     * {@link #markUnfinishedCrashed} is about to mark crashed may have left processes behind. Call it first.
     */
    List<TaskProcessGroup> findProcessGroupsOfUnfinishedRuns(String agentId);

    /**
     * Marks every run this agent left {@code queued} or {@code running}, and their unfinished tasks and
     * attempts, as {@code crashed} with {@code reason} — except resumable runs ({@link #findResumableRuns}) and
     * runs handed over to it and not yet taken ({@link #takeHandedOverRuns}): nothing of theirs has run.
     *
     * @return how many runs were marked
     */
    int markUnfinishedCrashed(String agentId, String reason, Instant at);

    /**
     * Runs this agent left {@code running} whose tasks were only waiting (for an event, or a sensor between
     * pokes) when it stopped, none running: nothing of theirs was lost, so they go on when the agent starts.
     */
    List<String> findResumableRuns(String agentId);

    /**
     * Takes the resumable runs of a dead agent of the cluster ({@link #findResumableRuns}) over for
     * {@code agentId}: each run, and its event waits, becomes that agent's, so that its waits go on there. Of
     * several agents taking over at once, one gets each run.
     *
     * @return the ids of the runs taken over, oldest first
     */
    List<String> adoptResumableRuns(String deadAgentId, String agentId);

    /**
     * Ends one unfinished run as {@code crashed}, with its tasks not yet ended, and drops its event waits. A run
     * that has ended already is left as it is.
     */
    void crashRun(String runId, String reason, Instant at);

    /**
     * Deletes finished runs that ended before {@code cutoff}, with everything that belongs to them.
     *
     * @return the ids of the deleted runs, so their spilled output files can go too
     */
    List<String> purgeFinishedBefore(Instant cutoff);
}
