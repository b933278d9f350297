package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run history as it is read: runs with their tasks, attempts and events, outputs and log lines.
 * Implementations must be thread-safe.
 */
public interface RunHistory {

    Optional<RunDetail> findRun(String runId);

    /** The run and how many of its tasks are in each state, without reading the tasks themselves. */
    Optional<RunProgress> findRunProgress(String runId);

    /** Runs matching the query, newest first, one page of them. */
    Page<RunRecord> findRuns(RunQuery query);

    /** The runs of a pipeline, oldest first, at most {@code limit}. */
    List<RunRecord> findRuns(String pipelineId, int limit);

    Optional<StoredOutput> findOutput(String runId, String taskId);

    /** The outputs of a run's tasks that have one, by task id, in the tasks' file order: one query for them all. */
    Map<String, StoredOutput> findOutputs(String runId);

    /** How many log lines a run (or one of its tasks) has. */
    long countLogs(String runId, Optional<String> taskId);

    /** Log lines of a run, oldest first, after the line with id {@code afterId}. */
    List<LogLine> findLogs(String runId, Optional<String> taskId, long afterId, int limit);

    /** The item counts of the run's {@code for_each} tasks, by task id; empty for a run without them. */
    Map<String, MapCounts> findMapCounts(String runId);

    /** One page (from 0) of a {@code for_each} task's items, in index order, only those in {@code state} if given. */
    Page<MapItem> findMapItems(String runId, String taskId, Optional<TaskState> state, int page, int size);
}
