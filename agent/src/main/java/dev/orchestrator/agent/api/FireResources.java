package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.agent.store.PipelineStateStore.ScheduleEvent;
import dev.orchestrator.api.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/fires}: the scheduled fires that did not become runs (skipped at {@code max_instances},
 * missed while the agent was down and skipped or merged per the misfire policy), newest first, paged like
 * {@code /api/v1/runs}, filtered by {@code pipeline}, {@code from} and {@code to} (on the scheduled time).
 */
public final class FireResources {

    private final PipelineStateStore state;
    private final ZoneId zone;

    public FireResources(PipelineStateStore state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/fires", this::list).requires(Role.VIEWER));
    }

    private Object list(ApiRequest request) {
        Optional<String> pipeline =
                request.queryParameter("pipeline").map(String::strip).filter(id -> !id.isEmpty());
        Page<ScheduleEvent> page = state.findScheduleEvents(
                pipeline,
                Paging.time(request, "from"),
                Paging.time(request, "to"),
                Paging.page(request),
                Paging.size(request));
        return Paging.body(page, this::fire);
    }

    private Map<String, Object> fire(ScheduleEvent event) {
        Map<String, Object> fire = new LinkedHashMap<>();
        fire.put("pipeline_id", event.pipelineId());
        fire.put("scheduled_for", time(event.scheduledFor()));
        fire.put("noted_at", time(event.notedAt()));
        fire.put("kind", event.kind());
        fire.put("message", event.message());
        return fire;
    }

    private String time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
