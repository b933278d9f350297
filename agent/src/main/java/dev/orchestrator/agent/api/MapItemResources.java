package dev.orchestrator.agent.api;

import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.api.PageDto;
import dev.orchestrator.api.Role;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The items of a {@code for_each} task, a page at a time: {@code GET /api/v1/runs/{run_id}/tasks/{task}/items} with
 * {@code state}, {@code page} (from 1) and {@code size}. The run's detail has the counts.
 */
public final class MapItemResources {

    private final RunHistory store;
    private final ZoneId zone;

    public MapItemResources(RunHistory store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/runs/{run_id}/tasks/{task}/items", this::items)
                .requires(Role.VIEWER));
    }

    private Object items(ApiRequest request) {
        String runId = request.pathParameter("run_id");
        String taskId = request.pathParameter("task");
        var detail = store.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        if (detail.tasks().stream().noneMatch(task -> task.taskId().equals(taskId))) {
            throw ApiException.notFound("task '" + taskId + "' in run " + runId);
        }
        Optional<TaskState> state =
                request.queryParameter("state").filter(text -> !text.isBlank()).map(MapItemResources::state);
        int page = Paging.page(request);
        int size = Paging.size(request);
        Page<MapItem> items = store.findMapItems(runId, taskId, state, page - 1, size);
        return new PageDto<>(items.items().stream().map(this::item).toList(), page, size, items.total());
    }

    private static TaskState state(String text) {
        String name = text.strip();
        return Arrays.stream(TaskState.values())
                .filter(state -> state.yamlName().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("'state' is one of "
                        + String.join(
                                ", ",
                                Arrays.stream(TaskState.values())
                                        .map(TaskState::yamlName)
                                        .toList())
                        + ", not '" + text + "'"));
    }

    private MapItemDto item(MapItem item) {
        return new MapItemDto(
                item.index(),
                item.item(),
                item.state().yamlName(),
                item.attempts(),
                time(item.startedAt()),
                time(item.finishedAt()),
                item.duration().map(Duration::toMillis).orElse(null),
                item.error().orElse(null),
                item.reused(),
                item.childRunId().orElse(null));
    }

    private OffsetDateTime time(Optional<Instant> instant) {
        return instant.map(value -> value.atZone(zone).toOffsetDateTime()).orElse(null);
    }
}
