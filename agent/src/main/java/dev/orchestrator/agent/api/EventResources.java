package dev.orchestrator.agent.api;

import dev.orchestrator.agent.event.EventRouter;
import dev.orchestrator.api.EventRoutedDto;
import dev.orchestrator.api.Role;
import java.time.ZoneId;
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
        return List.of(Route.post("/api/v1/events/{name}", this::post).requires(Role.OPERATOR));
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
                throw ApiException.badRequest(
                        "unknown field '" + name + "': send {\"key\": \"...\", \"payload\": ...}");
            }
        }
        EventRouter.Routed routed;
        try {
            routed = router.post(
                    request.pathParameter("name"), key == null ? "" : String.valueOf(key), body.get("payload"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new EventRoutedDto(
                routed.event(),
                routed.key(),
                routed.deliveredTo().stream()
                        .map(wait -> new EventRoutedDto.Delivery(wait.runId(), wait.taskId()))
                        .toList(),
                routed.keptUntil()
                        .map(until -> until.atZone(zone).toOffsetDateTime().toString())
                        .orElse(null),
                routed.startedRuns(),
                routed.pausedPipelines());
    }
}
