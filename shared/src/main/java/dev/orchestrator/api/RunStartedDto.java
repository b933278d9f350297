package dev.orchestrator.api;

/** The answer to {@code POST /trigger/{id}} and {@code POST /api/v1/runs/{run_id}/retry}: the new run's id. */
public record RunStartedDto(String runId) {}
