package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;

/** One hit of a log search: a task's log line, or the error an attempt failed with ({@code kind}). */
public record LogEntry(
        OffsetDateTime time,
        String kind,
        String level,
        String pipelineId,
        String runId,
        String taskId,
        int attempt,
        String message,
        String stackTrace) {}
