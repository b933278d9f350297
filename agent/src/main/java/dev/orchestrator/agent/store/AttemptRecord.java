package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Optional;

/** One attempt of one task: its outcome and, when it failed, the error with its full (masked) stack trace. */
public record AttemptRecord(
        int number,
        TaskState status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> durationMillis,
        Optional<String> errorType,
        Optional<String> errorMessage,
        Optional<String> stackTrace) {}
