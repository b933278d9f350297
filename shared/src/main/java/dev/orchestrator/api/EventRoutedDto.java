package dev.orchestrator.api;

import java.util.List;

/**
 * The answer to {@code POST /api/v1/events/{name}}: the waiting tasks it completed; when none waited, until when it
 * is kept for one that starts waiting later ({@code keptUntil}, else null); the runs of event pipelines it started,
 * and the event pipelines that did not start because they are paused.
 */
public record EventRoutedDto(
        String event,
        String key,
        List<Delivery> deliveredTo,
        String keptUntil,
        List<String> startedRuns,
        List<String> pausedPipelines) {

    /** A waiting task the event completed. */
    public record Delivery(String runId, String taskId) {}
}
