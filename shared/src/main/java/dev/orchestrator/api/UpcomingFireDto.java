package dev.orchestrator.api;

/** One scheduled run to come in {@code GET /upcoming}: {@code fireTime} ISO 8601 in the pipeline's zone. */
public record UpcomingFireDto(String pipelineId, String fireTime) {}
