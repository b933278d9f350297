package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One hit of a log search: a task's log line, or the error a failed attempt ended with.
 *
 * @param kind       {@code log} or {@code error}
 * @param stackTrace the full trace, for errors
 */
public record LogEntry(
        String kind,
        Instant at,
        String runId,
        String pipelineId,
        String taskId,
        int attempt,
        String level,
        String message,
        Optional<String> stackTrace) {}
