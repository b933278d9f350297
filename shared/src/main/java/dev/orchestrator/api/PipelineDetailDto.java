package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/** {@code GET /pipeline/{id}}: the pipeline as in the list, with its definition and its tasks in file order. */
public record PipelineDetailDto(
        @JsonUnwrapped PipelineSummaryDto summary,
        String description,
        Map<String, Object> params,
        int maxConcurrency,
        List<Task> tasks) {

    /**
     * One task of the definition, as written; {@code map} is true for a {@code for_each} task, whose items are paged at
     * {@code GET /api/v1/runs/{run_id}/tasks/{task}/items}.
     */
    public record Task(
            String id,
            String name,
            String connector,
            String action,
            List<String> dependsOn,
            Map<String, Object> connectorConfig,
            Map<String, Object> actionKwargs,
            boolean map) {}
}
