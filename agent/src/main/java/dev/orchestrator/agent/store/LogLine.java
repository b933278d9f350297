package dev.orchestrator.agent.store;

import java.time.Instant;

/** One line of a task's log, already masked. {@code id} is 0 until stored. */
public record LogLine(
        long id, String runId, String taskId, int attempt, String level, Instant loggedAt, String message) {

    public static LogLine of(String runId, String taskId, int attempt, String level, Instant at, String message) {
        return new LogLine(0, runId, taskId, attempt, level, at, message);
    }
}
