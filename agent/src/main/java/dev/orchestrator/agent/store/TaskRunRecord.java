package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One task of one run as stored, with its attempts.
 *
 * @param position      the task's place in its pipeline file
 * @param outputPreview the start of the output's JSON, masked
 * @param outputReused  true when a retried run took the output over from the run it retried
 * @param cached        true when the output came from the task's cache ({@code cache:}) instead of running it
 * @param rollback      how the task's rollback went, when it ran: "ok", or "failed: " and why
 * @param mark          an operator's mark on the task, when it has one
 */
public record TaskRunRecord(
        String runId,
        String taskId,
        int position,
        TaskState status,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        int attemptCount,
        Optional<String> reason,
        Optional<String> outputPreview,
        long outputSize,
        boolean outputReused,
        List<AttemptRecord> attempts,
        boolean cached,
        Optional<String> rollback,
        Optional<TaskMark> mark) {

    public Optional<Long> durationMillis() {
        return startedAt.flatMap(start -> finishedAt.map(end -> end.toEpochMilli() - start.toEpochMilli()));
    }
}
