package dev.orchestrator.agent.api;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.RunGrid;
import dev.orchestrator.api.GridCellDto;
import dev.orchestrator.api.GridDto;
import dev.orchestrator.api.GridRowDto;
import dev.orchestrator.api.GridRunDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.api.Role;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/pipelines/{id}/grid?runs=N&task_offset=&task_limit=}: the run grid of issue 22 in one answer,
 * the pipeline's last {@code runs} runs (newest first) as columns and one page of its tasks as rows. A pipeline no
 * longer defined still has its grid while it has runs.
 */
public final class GridResource {

    static final int DEFAULT_RUNS = 25;
    static final int MAX_RUNS = 200;
    static final int DEFAULT_TASK_LIMIT = 200;
    static final int MAX_TASK_LIMIT = 1_000;

    private final PipelineRegistry pipelines;
    private final RunGrid grid;
    private final ZoneId zone;

    public GridResource(PipelineRegistry pipelines, RunGrid grid, ZoneId zone) {
        this.pipelines = pipelines;
        this.grid = grid;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/pipelines/{id}/grid", this::grid).requires(Role.VIEWER));
    }

    private GridDto grid(ApiRequest request) {
        String pipelineId = request.pathParameter("id");
        int runs = Paging.number(request, "runs", DEFAULT_RUNS, 1, MAX_RUNS);
        int taskOffset = Paging.number(request, "task_offset", 0, 0, Integer.MAX_VALUE);
        int taskLimit = Paging.number(request, "task_limit", DEFAULT_TASK_LIMIT, 1, MAX_TASK_LIMIT);
        Optional<Pipeline> pipeline = pipelines.find(pipelineId);
        List<String> defined = pipeline.map(
                        found -> found.tasks().stream().map(Task::id).toList())
                .orElse(List.of());
        Set<String> maps = pipeline.map(found ->
                        found.tasks().stream().filter(Task::isMap).map(Task::id).collect(Collectors.toSet()))
                .orElse(Set.of());
        RunGrid.Slice slice = grid.read(pipelineId, runs, defined, taskOffset, taskLimit);
        if (pipeline.isEmpty() && slice.columns().isEmpty()) {
            throw ApiException.notFound("pipeline '" + pipelineId + "': it is not defined and has no runs; "
                    + "GET /pipelines lists the pipelines");
        }
        return new GridDto(
                pipelineId,
                slice.columns().stream().map(this::run).toList(),
                slice.rows().stream()
                        .map(row -> new GridRowDto(
                                row.taskId(),
                                maps.contains(row.taskId()) || row.hasItems(),
                                row.cells().stream()
                                        .map(cell ->
                                                cell.map(GridResource::cell).orElse(null))
                                        .toList()))
                        .toList(),
                taskOffset,
                taskLimit,
                slice.totalRows());
    }

    private GridRunDto run(RunGrid.Column column) {
        return new GridRunDto(
                column.runId(),
                column.logicalTime().toOffsetDateTime(),
                column.status().yamlName(),
                column.agentId(),
                column.createdAt().atZone(zone).toOffsetDateTime());
    }

    private static GridCellDto cell(RunGrid.Cell cell) {
        return new GridCellDto(
                cell.state().yamlName(),
                cell.duration().orElse(null),
                cell.attempts(),
                cell.firstError().orElse(null),
                cell.items().map(GridResource::counts).orElse(null));
    }

    private static MapCountsDto counts(MapCounts counts) {
        return new MapCountsDto(counts.done(), counts.failed(), counts.running(), counts.waiting(), counts.total());
    }
}
