package dev.orchestrator.api;

/**
 * A task waiting for an operator's approval, as {@code GET /api/v1/approvals} lists it (the console's inbox).
 *
 * @param waitingSince when it began waiting (ISO-8601, the agent's zone)
 * @param deadline     when it ends as timeout unless approved or rejected before
 * @param agentId      the agent running its run
 */
public record ApprovalDto(
        String runId,
        String pipelineId,
        String taskId,
        String message,
        String waitingSince,
        String deadline,
        String agentId) {}
