package dev.orchestrator.agent.store;

import java.util.Optional;

/**
 * Operators' marks on tasks (issue 20). Implementations must be thread-safe; text handed in is already masked.
 */
public interface TaskMarks {

    /**
     * Records a mark on a task, in one transaction: the task takes the mark's state (a task not yet ended ends at
     * the mark's time), its reason says who marked it and why, and with {@code output} its output is replaced.
     *
     * @param output the output the mark gives the task; empty keeps the stored one
     * @return false when the run has no such task
     */
    boolean markTask(String runId, String taskId, TaskMark mark, Optional<StoredOutput> output);
}
