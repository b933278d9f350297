package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run with all its tasks, read in slices ({@code tasks_limit}/{@code tasks_offset}): a run of 10,000 tasks comes
 * in 20 answers, not one of several megabytes.
 */
final class RunDetailReader {

    private static final int TASKS_PER_REQUEST = 500;

    private RunDetailReader() {}

    static ObjectNode read(AgentClient agent, String runId) {
        ObjectNode run = (ObjectNode) agent.get(page(runId, 0));
        ArrayNode tasks = run.withArray("tasks");
        int total = run.path("tasks_total").asInt(tasks.size());
        while (tasks.size() < total) {
            JsonNode more = agent.get(page(runId, tasks.size())).path("tasks");
            if (more.isEmpty()) {
                break; // the run changed meanwhile; what was read is shown
            }
            more.forEach(tasks::add);
        }
        return run;
    }

    private static ApiPath page(String runId, int offset) {
        return ApiPath.of("/api/v1/runs/{}", runId)
                .query("tasks_limit", TASKS_PER_REQUEST)
                .query("tasks_offset", offset);
    }
}
