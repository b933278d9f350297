package dev.orchestrator.api;

/**
 * One log line of a run ({@code GET /api/v1/runs/{run_id}/logs}, {@code GET /live-output/{run_id}}): {@code id}
 * to read on after it, {@code time} ISO 8601 with the agent's offset.
 */
public record LogLineDto(long id, String task, int attempt, String level, String time, String message) {}
