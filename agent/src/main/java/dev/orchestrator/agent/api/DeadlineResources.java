package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.DeadlineStore;
import dev.orchestrator.agent.store.MissedDeadline;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.api.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/deadlines}: the deadlines scheduled runs missed (issue 21), newest scheduled time first, paged
 * like {@code /api/v1/runs}, filtered by {@code pipeline}, {@code from} and {@code to} (on the scheduled time). Times
 * are shown in the pipeline's zone.
 */
public final class DeadlineResources {

    private final DeadlineStore deadlines;

    public DeadlineResources(DeadlineStore deadlines) {
        this.deadlines = deadlines;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/deadlines", this::list).requires(Role.VIEWER));
    }

    private Object list(ApiRequest request) {
        Optional<String> pipeline =
                request.queryParameter("pipeline").map(String::strip).filter(id -> !id.isEmpty());
        Page<MissedDeadline> page = deadlines.findMisses(
                pipeline,
                Paging.time(request, "from"),
                Paging.time(request, "to"),
                Paging.page(request),
                Paging.size(request));
        return Paging.body(page, DeadlineResources::missed);
    }

    private static Map<String, Object> missed(MissedDeadline miss) {
        ZoneId zone = miss.zone();
        Map<String, Object> missed = new LinkedHashMap<>();
        missed.put("pipeline_id", miss.pipelineId());
        missed.put("scheduled_for", time(miss.scheduledFor(), zone));
        missed.put("kind", miss.kind().yamlName());
        missed.put("deadline", miss.rule());
        missed.put("due_at", time(miss.dueAt(), zone));
        missed.put("run_id", miss.runId().orElse(null));
        missed.put("run_status", miss.runStatus().orElse(null));
        missed.put("situation", miss.situation());
        missed.put("raised_at", time(miss.raisedAt(), zone));
        missed.put("raised_by", miss.raisedBy());
        missed.put(
                "late_finished_at",
                miss.lateFinishedAt().map(at -> time(at, zone)).orElse(null));
        missed.put("late_by_minutes", miss.lateByMinutes().orElse(null));
        return missed;
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
