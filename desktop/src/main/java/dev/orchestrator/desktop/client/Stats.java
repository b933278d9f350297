package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/stats}: the dashboard's figures for a time range. */
public record Stats(
        OffsetDateTime from,
        OffsetDateTime to,
        long total,
        Map<String, Long> byStatus,
        Double successRate,
        Long averageDurationMs,
        List<HourCount> runsPerHour,
        List<FinishedRun> durationTrend,
        List<FinishedRun> failingPipelines) {

    public record HourCount(OffsetDateTime hour, long runs, long failed) {}

    public record FinishedRun(
            String runId,
            String pipelineId,
            String status,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            long durationMs) {}
}
