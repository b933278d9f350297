package dev.orchestrator.api;

/**
 * {@code GET /api/v1/pipelines/{id}/revisions/diff?a=&b=}: the unified diff ({@code diff -u}) of two revisions'
 * texts, headed {@code --- FILE@A} and {@code +++ FILE@B}; empty when their lines are the same.
 */
public record RevisionDiffDto(String pipelineId, String a, String b, String diff) {}
