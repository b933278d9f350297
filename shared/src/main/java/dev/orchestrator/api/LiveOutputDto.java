package dev.orchestrator.api;

import java.util.List;

/**
 * {@code GET /live-output/{run_id}}, the original tool's way to follow a run: its status, whether it has finished,
 * and its log lines after {@code after}; {@code more} when there are others to read on from {@code lastLogId}.
 */
public record LiveOutputDto(
        String runId,
        String pipelineId,
        String status,
        boolean finished,
        String startedAt,
        String finishedAt,
        List<LogLineDto> logs,
        long lastLogId,
        boolean more) {}
