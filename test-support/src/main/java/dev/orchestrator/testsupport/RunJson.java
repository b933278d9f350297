package dev.orchestrator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a run as the agent's API answers it ({@code GET /api/v1/runs/{id}}). */
public final class RunJson {

    private RunJson() {}

    /**
     * The task {@code taskId} of a run's {@code tasks} array.
     *
     * @throws AssertionError naming the run, when it has no such task
     */
    public static JsonNode task(JsonNode run, String taskId) {
        for (JsonNode task : run.get("tasks")) {
            if (task.get("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + run);
    }
}
