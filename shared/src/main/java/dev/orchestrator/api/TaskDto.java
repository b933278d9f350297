package dev.orchestrator.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One task of a run in run detail. {@code output} is a preview of the output's JSON; {@code cached} says it came
 * from the task's cache; {@code rollback} how the task's rollback went, when it ran ("ok", or "failed: " and why);
 * {@code mark} an operator's mark on the task, null when it has none; {@code childRunId} the run a {@code pipeline:} task
 * started (issue 19), null for any other task.
 */
public record TaskDto(
        String taskId,
        String status,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Long durationMs,
        String reason,
        List<AttemptDto> attempts,
        String output,
        long outputSize,
        boolean outputReused,
        boolean cached,
        String rollback,
        TaskMarkDto mark,
        MapCountsDto items,
        String childRunId) {}
