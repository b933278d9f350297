package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * One version of a pipeline the agent loaded ({@code GET /api/v1/pipelines/{id}/revisions}), newest first; with its
 * {@code text} when asked for alone ({@code .../revisions/{rev}}).
 *
 * @param revision the first 12 hex digits of the SHA-256 of the declaring file's text, line endings made {@code \n}
 * @param source   {@code file} (loaded at the agent's start), {@code reload} (the files changed while it ran) or
 *                 {@code api} (saved or restored through the API)
 * @param author   {@code file} for the files; for the API, who saved it
 * @param file     the declaring file, relative to the config directory
 * @param current  whether the pipeline runs this version now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineRevisionDto(
        String pipelineId,
        String revision,
        OffsetDateTime loadedAt,
        String source,
        String author,
        String file,
        boolean current,
        String text) {}
