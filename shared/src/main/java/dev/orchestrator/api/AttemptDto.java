package dev.orchestrator.api;

import java.time.OffsetDateTime;

/** One attempt of a task, with its error and full stack trace when it failed. */
public record AttemptDto(
        int number,
        String status,
        String errorType,
        String errorMessage,
        String stackTrace,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Long durationMs) {}
