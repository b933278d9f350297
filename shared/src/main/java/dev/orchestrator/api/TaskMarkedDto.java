package dev.orchestrator.api;

/**
 * The answer to {@code POST /api/v1/runs/{run_id}/tasks/{task}/mark}.
 *
 * @param outcome {@code marked} (the run goes on from the mark), {@code stopping} (the task was running: it is
 *                stopped, then takes the mark), or {@code prepared} (the run had ended: its next retry uses the mark)
 */
public record TaskMarkedDto(String runId, String taskId, String state, String outcome, String by) {}
