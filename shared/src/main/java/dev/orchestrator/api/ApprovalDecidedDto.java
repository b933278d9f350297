package dev.orchestrator.api;

/**
 * The answer to {@code POST /api/v1/runs/{run_id}/tasks/{task}/approve} and {@code .../reject}.
 *
 * @param decision {@code approved} or {@code rejected}
 * @param by       who decided: the name of the token the request was made with
 * @param comment  the comment sent with the decision, or null
 * @param at       when (ISO-8601, the agent's zone)
 */
public record ApprovalDecidedDto(String runId, String taskId, String decision, String by, String comment, String at) {}
