package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;
import java.util.List;

/** One pipeline as {@code GET /pipelines} lists it. */
public record PipelineRow(
        String id, String name, String schedule, OffsetDateTime nextRun, String status, List<String> labels) {

    public boolean paused() {
        return "paused".equals(status);
    }
}
