package dev.orchestrator.api;

/**
 * The answer to {@code POST /api/v1/runs/{run_id}/cancel}: {@code status} is {@code cancelling}; {@code agentId}
 * names the agent of the cluster that runs it and stops it.
 */
public record RunCancellingDto(String runId, String status, String agentId) {}
