package dev.orchestrator.agent.store;

/**
 * The run history: runs, their tasks, attempts, logs and events, in every role at once, for the code that wires
 * the agent together. A class asks for the role it uses: {@link RunLifecycle} (writes as a run goes),
 * {@link RunHistory} (reads), {@link RunLogs} (log lines as they are flushed), {@link RunHandOvers} (which agent
 * of a cluster runs which run), {@link RunRecovery} (runs an agent left unfinished), {@link RunRetention}
 * (purging old runs), {@link TaskCacheStore} (the cache of task outputs, and rollbacks) and {@link TaskMarks}
 * (operators' marks on tasks). Every method commits before it returns, so a state is durable before anyone is told
 * of it. Implementations must be thread-safe; text handed in is already masked.
 */
public interface RunStore
        extends RunLifecycle, RunHistory, RunLogs, RunHandOvers, RunRecovery, RunRetention, TaskCacheStore, TaskMarks {

    /** The items of the run's {@code for_each} tasks (issue 19). */
    MapItemStore mapItems();

    /**
     * Records a {@code pipeline:} call (issue 19): task {@code taskId} of run {@code parentRunId} started run
     * {@code childRunId}, on both rows (a later attempt's child replaces an earlier one's on the task); read back in
     * {@link RunDetail#calls()}.
     */
    void recordCall(String parentRunId, String taskId, String childRunId);
}
