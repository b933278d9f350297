package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.CancelRequestStore;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.api.LiveOutputDto;
import dev.orchestrator.api.LogLineDto;
import dev.orchestrator.api.PageDto;
import dev.orchestrator.api.Role;
import dev.orchestrator.api.RunPageDto;
import dev.orchestrator.api.RunStartedDto;
import dev.orchestrator.api.TaskTestStartedDto;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting, reading and cancelling runs: {@code POST /trigger/{id}}, {@code GET /live-output/{run_id}} and
 * {@code /api/v1/runs/...}; retrying, marking and bulk actions are {@link RunControlResources}'.
 */
public final class RunResources {

    /** The most log lines one {@code /live-output} answer holds; {@code after} reads on. */
    static final int LIVE_OUTPUT_LINES = 1000;

    private static final List<String> EXPORT_COLUMNS = List.of(
            "run_id",
            "pipeline_id",
            "status",
            "trigger",
            "logical_time",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "reason",
            "params",
            "agent_id");

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final RunHistory store;
    private final HistorySearch search;
    private final RunDtos dtos;
    private final ObjectMapper json;
    private final RunCancels cancels;
    private final RunControlResources controls;

    /**
     * @param cancels where cancels of runs another agent of the cluster runs are left for it
     * @param agentId this agent's id, to tell its runs from the others'
     */
    public RunResources(
            PipelineRegistry pipelines,
            RunExecutor executor,
            RunHistory store,
            HistorySearch search,
            CancelRequestStore cancels,
            String agentId,
            Clock clock,
            ZoneId zone,
            ObjectMapper json) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.store = store;
        this.search = search;
        this.cancels = new RunCancels(executor, store, cancels, agentId, clock);
        this.dtos = new RunDtos(zone);
        this.json = json;
        this.controls = new RunControlResources(pipelines, executor, store, this.cancels, json);
    }

    public List<Route> routes() {
        List<Route> routes = new java.util.ArrayList<>(controls.routes());
        routes.addAll(List.of(
                Route.post("/trigger/{id}", this::trigger).requires(Role.OPERATOR),
                Route.get("/live-output/{run_id}", this::liveOutput).requires(Role.VIEWER),
                Route.get("/api/v1/runs", this::list).requires(Role.VIEWER),
                // before the run detail, whose {run_id} would take "export.csv" for a run id
                Route.get("/api/v1/runs/export.csv", this::export).requires(Role.VIEWER),
                Route.get("/api/v1/runs/{run_id}", this::detail).requires(Role.VIEWER),
                Route.get("/api/v1/runs/{run_id}/logs", this::logs).requires(Role.VIEWER),
                Route.post("/api/v1/runs/{run_id}/cancel", this::cancel).requires(Role.OPERATOR),
                Route.post("/api/v1/pipelines/{id}/tasks/{task}/test", this::test)
                        .requires(Role.OPERATOR)));
        return routes;
    }

    /**
     * A run with every task (the default, as it always was); {@code view=summary} without tasks, with their counts
     * by state, for clients that poll; {@code tasks_limit} / {@code tasks_offset} a slice of the tasks in file order.
     */
    private Object detail(ApiRequest request) {
        String runId = request.pathParameter("run_id");
        String view = request.queryParameter("view").orElse("full");
        if (view.equals("summary")) {
            return store.findRunProgress(runId).map(dtos::summary).orElseThrow(() -> new NoSuchRunException(runId));
        }
        if (!view.equals("full")) {
            throw ApiException.badRequest("'view' is 'full' (the default: the run with its tasks) or 'summary' (task "
                    + "counts by state, no tasks), not '" + view + "'");
        }
        if (request.queryParameter("tasks_limit").isEmpty()
                && request.queryParameter("tasks_offset").isEmpty()) {
            return dtos.detail(run(runId), store.findMapCounts(runId));
        }
        int limit = Paging.number(request, "tasks_limit", Paging.MAX_SIZE, 1, Paging.MAX_SIZE);
        int offset = Paging.number(request, "tasks_offset", 0, 0, Integer.MAX_VALUE);
        return dtos.detail(run(runId), offset, limit, store.findMapCounts(runId));
    }

    /** A page of runs; with {@code q}, the total is counted up to {@link HistorySearch#COUNT_LIMIT}, as the logs'. */
    private Object list(ApiRequest request) {
        RunQuery query = Filters.runs(request);
        Page<RunRecord> page = store.findRuns(query);
        boolean capped = query.text().isPresent() && page.total() > HistorySearch.COUNT_LIMIT;
        return new RunPageDto(
                page.items().stream().map(dtos::summary).toList(),
                page.page(),
                page.size(),
                capped ? HistorySearch.COUNT_LIMIT : page.total(),
                capped);
    }

    /** Every run matching the list filters, newest first, as CSV. */
    private Object export(ApiRequest request) {
        RunQuery query = Filters.runs(request);
        return new CsvDownload(
                "runs.csv",
                EXPORT_COLUMNS,
                row -> search.streamRuns(
                        query,
                        run -> row.accept(java.util.Arrays.asList(
                                run.runId(),
                                run.pipelineId(),
                                run.status().yamlName(),
                                run.trigger().yamlName(),
                                run.logicalTime().toOffsetDateTime().toString(),
                                time(run.createdAt()),
                                run.startedAt().map(this::time).orElse(null),
                                run.finishedAt().map(this::time).orElse(null),
                                run.startedAt()
                                        .flatMap(start -> run.finishedAt()
                                                .map(end -> String.valueOf(java.time.Duration.between(start, end)
                                                        .toMillis())))
                                        .orElse(null),
                                run.reason().orElse(null),
                                params(run.params()),
                                run.agentId()))));
    }

    private String time(java.time.Instant instant) {
        return instant.atZone(dtos.zone()).toOffsetDateTime().toString();
    }

    private String params(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(params);
        }
    }

    /** A run's log lines, oldest first: {@code task} to pick one task, {@code after} a line id to resume from. */
    private Object logs(ApiRequest request) {
        RunDetail detail = run(request.pathParameter("run_id"));
        long after = Paging.number(request, "after", 0, 0, Integer.MAX_VALUE);
        int size = Paging.size(request);
        Optional<String> task = request.queryParameter("task").filter(text -> !text.isBlank());
        var lines = store.findLogs(detail.run().runId(), task, after, size).stream()
                .map(this::logLine)
                .toList();
        return new PageDto<>(lines, 1, size, store.countLogs(detail.run().runId(), task));
    }

    /**
     * The original tool's way to follow a run: its status, whether it has finished, and its log lines so far
     * (after {@code after}, up to {@link #LIVE_OUTPUT_LINES}; {@code more} when there are others to read on).
     */
    private Object liveOutput(ApiRequest request) {
        // the status first: once it says finished, every line the run wrote is stored and read below
        RunDetail detail = run(request.pathParameter("run_id"));
        long after = Paging.number(request, "after", 0, 0, Integer.MAX_VALUE);
        var lines = store.findLogs(detail.run().runId(), Optional.empty(), after, LIVE_OUTPUT_LINES + 1);
        boolean more = lines.size() > LIVE_OUTPUT_LINES;
        var shown = more ? lines.subList(0, LIVE_OUTPUT_LINES) : lines;
        RunRecord run = detail.run();
        return new LiveOutputDto(
                run.runId(),
                run.pipelineId(),
                run.status().yamlName(),
                run.status().isTerminal(),
                run.startedAt().map(this::time).orElse(null),
                run.finishedAt().map(this::time).orElse(null),
                shown.stream().map(this::logLine).toList(),
                shown.isEmpty() ? after : shown.get(shown.size() - 1).id(),
                more);
    }

    private LogLineDto logLine(dev.orchestrator.agent.store.LogLine line) {
        return new LogLineDto(
                line.id(), line.taskId(), line.attempt(), line.level(), time(line.loggedAt()), line.message());
    }

    /** Body {@code {"params": {...}}}; {@code runtime_kwargs} is accepted as the original tool's name for it. */
    @SuppressWarnings("unchecked")
    private Object trigger(ApiRequest request) {
        Pipeline pipeline = pipeline(request.pathParameter("id"));
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object params = body.containsKey("params") ? body.get("params") : body.get("runtime_kwargs");
        if (params != null && !(params instanceof Map)) {
            throw ApiException.badRequest("'params' must be a JSON object of parameter names to values");
        }
        String runId = start(
                pipeline,
                RunRequest.manual(params == null ? Map.of() : (Map<String, Object>) params)
                        .withTrigger(TriggerKind.API));
        return new RunStartedDto(runId);
    }

    /**
     * Runs one task now as a test run: body {@code {"params": {...}, "inputs": {"dependency": output}}}; the
     * dependencies not given take their outputs from the pipeline's last successful run.
     */
    @SuppressWarnings("unchecked")
    private Object test(ApiRequest request) {
        Pipeline pipeline = pipeline(request.pathParameter("id"));
        String taskId = request.pathParameter("task");
        if (pipeline.task(taskId).isEmpty()) {
            throw ApiException.notFound("pipeline " + pipeline.id() + " has no task '" + taskId + "'; its tasks: "
                    + String.join(
                            ", ",
                            pipeline.tasks().stream()
                                    .map(dev.orchestrator.model.Task::id)
                                    .toList()));
        }
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object params = body.getOrDefault("params", Map.of());
        Object inputs = body.getOrDefault("inputs", Map.of());
        if (!(params instanceof Map) || !(inputs instanceof Map)) {
            throw ApiException.badRequest(
                    "'params' and 'inputs' must be JSON objects (names to values, task ids " + "to outputs)");
        }
        try {
            var started = executor.test(
                    pipeline, taskId, (Map<String, Object>) params, (Map<String, Object>) inputs, pipelines.secrets());
            return new TaskTestStartedDto(started.runId(), pipeline.id(), taskId, started.inputSources());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Object cancel(ApiRequest request) {
        return cancels.cancel(request.pathParameter("run_id"), "cancelled through the API");
    }

    private String start(Pipeline pipeline, RunRequest request) {
        return executor.start(pipeline, request, pipelines.secrets());
    }

    private Pipeline pipeline(String id) {
        return pipelines
                .find(id)
                .orElseThrow(() -> ApiException.notFound("no runnable pipeline '" + id
                        + "'; GET /pipelines lists them, GET /api/v1/diagnostics shows files that failed to load"));
    }

    private RunDetail run(String runId) {
        return store.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
    }
}
