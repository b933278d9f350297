package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task's whole output on one agent, where run detail has its first characters, beside {@link AgentClient}'s
 * requests: {@code GET /api/v1/runs/{run_id}/tasks/{task}/output} ({@link MapItemRequests} reads a map item's).
 * Blocking, like the client it
 * sends through: call it off the FX thread; every failure is an {@link AgentException}.
 */
public final class OutputRequests {

    private final AgentClient client;

    public OutputRequests(AgentClient client) {
        this.client = client;
    }

    /** The task's output as the agent stored it (masked), also when it was spilled to a file for its size. */
    public JsonNode taskOutput(String runId, String taskId) {
        return client.get(client.url("api", "v1", "runs", runId, "tasks", taskId, "output")
                .build());
    }
}
