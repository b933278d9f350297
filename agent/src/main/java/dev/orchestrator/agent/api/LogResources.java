package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.LogEntry;
import dev.orchestrator.api.Role;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search across every run's log lines and errors ({@code GET /api/v1/logs}) and their export as CSV
 * ({@code GET /api/v1/logs/export.csv}), with the run filters plus {@code level}.
 */
public final class LogResources {

    private static final List<String> COLUMNS =
            List.of("time", "kind", "level", "pipeline_id", "run_id", "task_id", "attempt", "message", "stack_trace");

    private final HistorySearch search;
    private final ZoneId zone;

    public LogResources(HistorySearch search, ZoneId zone) {
        this.search = search;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/logs", request -> {
                            var query = Filters.logs(request);
                            var page = search.findLogEntries(query, Paging.page(request), Paging.size(request));
                            Map<String, Object> body = Paging.body(
                                    new dev.orchestrator.agent.store.Page<>(
                                            page.items(),
                                            page.page(),
                                            page.size(),
                                            Math.min(page.total(), HistorySearch.COUNT_LIMIT)),
                                    this::item);
                            body.put("total_capped", page.total() > HistorySearch.COUNT_LIMIT);
                            return body;
                        })
                        .requires(Role.VIEWER),
                Route.get("/api/v1/logs/export.csv", request -> {
                            var query = Filters.logs(request);
                            return new CsvDownload(
                                    "logs.csv",
                                    COLUMNS,
                                    row -> search.streamLogEntries(
                                            query,
                                            entry -> row.accept(Arrays.asList(
                                                    time(entry),
                                                    entry.kind(),
                                                    entry.level(),
                                                    entry.pipelineId(),
                                                    entry.runId(),
                                                    entry.taskId(),
                                                    String.valueOf(entry.attempt()),
                                                    entry.message(),
                                                    entry.stackTrace().orElse(null)))));
                        })
                        .requires(Role.VIEWER));
    }

    private Map<String, Object> item(LogEntry entry) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("time", time(entry));
        item.put("kind", entry.kind());
        item.put("level", entry.level());
        item.put("pipeline_id", entry.pipelineId());
        item.put("run_id", entry.runId());
        item.put("task_id", entry.taskId());
        item.put("attempt", entry.attempt());
        item.put("message", entry.message());
        item.put("stack_trace", entry.stackTrace().orElse(null));
        return item;
    }

    private String time(LogEntry entry) {
        return entry.at().atZone(zone).toOffsetDateTime().toString();
    }
}
