package dev.orchestrator.api;

import java.util.Map;

/**
 * The answer to {@code POST /api/v1/pipelines/{id}/tasks/{task}/test}: the test run, and where each dependency's
 * output comes from.
 */
public record TaskTestStartedDto(String runId, String pipelineId, String taskId, Map<String, String> inputs) {}
