package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end of one attempt, written in one transaction with the task's new state and the log lines still
 * buffered, so that whoever hears of the new state can read all of it.
 *
 * @param attemptState the attempt's own outcome (success, failed, timeout, cancelled)
 * @param taskState    the task's state after it: the same, or {@code retrying}
 * @param output       the output to store, when the attempt succeeded
 */
public record AttemptOutcome(
        String runId,
        String taskId,
        int number,
        TaskState attemptState,
        TaskState taskState,
        Instant startedAt,
        Instant finishedAt,
        Optional<String> errorType,
        Optional<String> errorMessage,
        Optional<String> stackTrace,
        Optional<StoredOutput> output,
        List<LogLine> logLines) {}
