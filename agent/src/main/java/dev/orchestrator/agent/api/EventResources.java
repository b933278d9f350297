package dev.orchestrator.agent.api;

import dev.orchestrator.agent.event.EventRouter;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/events/{name}}: another system says something happened (SPEC 4), with
 * {@code {"key": "42", "payload": {...}}}. Waiting tasks with that key complete, event-triggered pipelines start.
 */
public final class EventResources {

    private final EventRouter router;
    private final ZoneId zone;

    public EventResources(EventRouter router, ZoneId zone) {
        this.router = router;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.post("/api/v1/events/{name}", this::post));
    }

    @SuppressWarnings("unchecked")
    private Object post(ApiRequest request) {
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object key = body.get("key");
        if (key instanceof Map || key instanceof List) {
            throw ApiException.badRequest("'key' must be text or a number, such as \"42\"; it is matched against "
                    + "the rendered wait_for.key of waiting tasks");
        }
        for (String name : body.keySet()) {
            if (!name.equals("key") && !name.equals("payload")) {
                throw ApiException.badRequest("unknown field '" + name + "': send {\"key\": \"...\", \"payload\": ...}");
            }
        }
        EventRouter.Routed routed;
        try {
            routed = router.post(request.pathParameter("name"), key == null ? "" : String.valueOf(key),
                    body.get("payload"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", routed.event());
        answer.put("key", routed.key());
        answer.put("delivered_to", routed.deliveredTo().stream()
                .map(wait -> Map.of("run_id", wait.runId(), "task_id", wait.taskId())).toList());
        answer.put("kept_until", routed.keptUntil().map(until -> until.atZone(zone).toOffsetDateTime().toString())
                .orElse(null));
        answer.put("started_runs", routed.startedRuns());
        answer.put("paused_pipelines", routed.pausedPipelines());
        return answer;
    }
}
