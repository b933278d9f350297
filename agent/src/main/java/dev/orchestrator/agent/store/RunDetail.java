package dev.orchestrator.agent.store;

import java.util.List;

/**
 * A run with its tasks (in file order), its events (hook failures and the like) and its links to the runs it called
 * or that called it.
 */
public record RunDetail(RunRecord run, List<TaskRunRecord> tasks, List<RunEvent> events, CallLinks calls) {

    /** A run linked to no other by calls. */
    public RunDetail(RunRecord run, List<TaskRunRecord> tasks, List<RunEvent> events) {
        this(run, tasks, events, CallLinks.NONE);
    }

    public java.util.Optional<TaskRunRecord> task(String taskId) {
        return tasks.stream().filter(task -> task.taskId().equals(taskId)).findFirst();
    }
}
