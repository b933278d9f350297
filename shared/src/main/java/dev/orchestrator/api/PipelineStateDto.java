package dev.orchestrator.api;

/**
 * The answer to {@code POST /pause/{id}} ({@code status} {@code paused}) and {@code POST /resume/{id}}
 * ({@code resumed}: the original tool's word, which its clients compare; {@code GET /pipelines} then says
 * {@code active}).
 */
public record PipelineStateDto(String pipelineId, String status) {}
