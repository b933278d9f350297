package dev.orchestrator.api;

import java.time.OffsetDateTime;
import java.util.List;

/** One task of a run in run detail. {@code output} is a preview of the output's JSON. */
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
        MapCountsDto items) {}
