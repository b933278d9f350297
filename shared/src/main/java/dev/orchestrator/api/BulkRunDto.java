package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One run of a bulk action's answer.
 *
 * @param outcome  {@code done}, {@code planned} (a dry run: it would be done), {@code skipped} or {@code error}
 * @param reason   why it was skipped, or the error; null when done
 * @param newRunId the retry's run, for a retry done
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkRunDto(
        String runId, String pipelineId, String status, String outcome, String reason, String newRunId) {}
