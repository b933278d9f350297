package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.RunStatistics;
import dev.orchestrator.api.Role;
import dev.orchestrator.model.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/stats}: the dashboard's figures for runs created between {@code from} and {@code to}
 * (default: the last 24 hours), optionally of one {@code pipeline}.
 */
public final class StatsResource {

    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final int TREND_RUNS = 50;

    private final HistorySearch search;
    private final Clock clock;
    private final ZoneId zone;

    public StatsResource(HistorySearch search, Clock clock, ZoneId zone) {
        this.search = search;
        this.clock = clock;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/stats", this::stats).requires(Role.VIEWER));
    }

    private Object stats(ApiRequest request) {
        Instant to = Paging.time(request, "to").orElseGet(clock::instant);
        Instant from = Paging.time(request, "from").orElse(to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiException.badRequest("the range from 'from' to 'to' is at most 31 days");
        }
        Optional<String> pipeline = request.queryParameter("pipeline").filter(text -> !text.isBlank());
        RunStatistics statistics = search.statistics(from, to, pipeline, TREND_RUNS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", time(from));
        body.put("to", time(to));
        body.put("total", statistics.total());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RunState state : RunState.values()) {
            byStatus.put(state.yamlName(), statistics.byStatus().getOrDefault(state, 0L));
        }
        body.put("by_status", byStatus);
        body.put("success_rate", statistics.successRate().orElse(null));
        body.put("average_duration_ms", statistics.averageDuration().orElse(null));
        body.put(
                "runs_per_hour",
                statistics.runsPerHour().stream()
                        .map(hour -> Map.of("hour", time(hour.hour()), "runs", hour.runs(), "failed", hour.failed()))
                        .toList());
        body.put(
                "duration_trend",
                statistics.recentDurations().stream().map(this::run).toList());
        body.put(
                "failing_pipelines",
                statistics.failingPipelines().stream().map(this::run).toList());
        return body;
    }

    private Map<String, Object> run(RunStatistics.FinishedRun run) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("run_id", run.runId());
        item.put("pipeline_id", run.pipelineId());
        item.put("status", run.status().yamlName());
        item.put("started_at", time(run.startedAt()));
        item.put("finished_at", time(run.finishedAt()));
        item.put("duration_ms", run.durationMillis());
        return item;
    }

    private String time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
