package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.util.Map;

/**
 * A run without its tasks: how many of them are in each state, for clients that poll a run and need no more.
 *
 * @param taskCounts every task state, with 0 for those no task is in
 */
public record RunProgress(RunRecord run, Map<TaskState, Integer> taskCounts) {

    public RunProgress {
        taskCounts = Map.copyOf(taskCounts);
    }

    public int tasks() {
        return taskCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
