package dev.orchestrator.agent.store;

import java.util.List;

/** A run with its tasks (in file order) and its events (hook failures and the like). */
public record RunDetail(RunRecord run, List<TaskRunRecord> tasks, List<RunEvent> events) {

    public java.util.Optional<TaskRunRecord> task(String taskId) {
        return tasks.stream().filter(task -> task.taskId().equals(taskId)).findFirst();
    }
}
