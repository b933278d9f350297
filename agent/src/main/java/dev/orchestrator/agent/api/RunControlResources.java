package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.execute.MarkOutcome;
import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.TaskMarkRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.api.Role;
import dev.orchestrator.api.RunStartedDto;
import dev.orchestrator.api.TaskMarkedDto;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TaskState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's controls (issue 20): {@code POST /api/v1/runs/{run_id}/retry} (from the failures, or from a
 * task), {@code POST /api/v1/runs/{run_id}/tasks/{task}/mark}, and {@code POST /api/v1/runs/bulk}.
 */
final class RunControlResources {

    private static final java.util.Set<String> MARK_STATES = java.util.Set.of("success", "failed", "skipped");

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final RunHistory store;
    private final BulkActions bulk;

    RunControlResources(
            PipelineRegistry pipelines, RunExecutor executor, RunHistory store, RunCancels cancels, ObjectMapper json) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.store = store;
        this.bulk = new BulkActions(store, cancels, this::retry, json);
    }

    List<Route> routes() {
        return List.of(
                // a literal segment: found before the {run_id} of the run routes
                Route.post("/api/v1/runs/bulk", bulk::handle).requires(Role.OPERATOR),
                Route.post("/api/v1/runs/{run_id}/retry", this::retry).requires(Role.OPERATOR),
                Route.post("/api/v1/runs/{run_id}/tasks/{task}/mark", this::mark)
                        .requires(Role.OPERATOR));
    }

    /** Body {@code {"from_task": "X"}} to rerun X and everything downstream of it; none to rerun the failures. */
    @SuppressWarnings("unchecked")
    private Object retry(ApiRequest request) {
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object fromTask = body.get("from_task");
        if (fromTask != null && (!(fromTask instanceof String text) || text.isBlank())) {
            throw ApiException.badRequest(
                    "'from_task' is the id of the task to run again with everything downstream of it, such as "
                            + "{\"from_task\": \"load\"}; got " + fromTask);
        }
        return new RunStartedDto(retry(request.pathParameter("run_id"), Optional.ofNullable((String) fromTask)));
    }

    /** Retries one run; its new run's id. */
    String retry(String runId, Optional<String> fromTask) {
        RunDetail detail = store.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        Pipeline pipeline = pipeline(detail.run().pipelineId());
        return executor.controls().retry(runId, pipeline, pipelines.secrets(), fromTask);
    }

    /** Body {@code {"state": "success"|"failed"|"skipped", "output": ..., "reason": "..."}}. */
    @SuppressWarnings("unchecked")
    private Object mark(ApiRequest request) {
        String runId = request.pathParameter("run_id");
        String taskId = request.pathParameter("task");
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object state = body.get("state");
        if (!(state instanceof String text) || !MARK_STATES.contains(text.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("'state' is success, failed or skipped, such as {\"state\": \"success\", "
                    + "\"output\": {\"rows\": 3}, \"reason\": \"loaded by hand\"}; got " + state);
        }
        Object reason = body.get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw ApiException.badRequest("'reason' is text, such as \"loaded by hand\"; got " + reason);
        }
        TaskState marked = TaskState.valueOf(((String) state).toUpperCase(Locale.ROOT));
        if (body.containsKey("output") && marked != TaskState.SUCCESS) {
            throw ApiException.badRequest(
                    "only a task marked success has an output; leave 'output' out of a mark " + marked.yamlName());
        }
        String by = request.caller();
        MarkOutcome outcome = executor.controls()
                .mark(
                        runId,
                        new TaskMarkRequest(
                                taskId,
                                marked,
                                body.containsKey("output"),
                                body.get("output"),
                                by,
                                Optional.ofNullable((String) reason).filter(given -> !given.isBlank())),
                        pipelines.secrets());
        return new TaskMarkedDto(runId, taskId, marked.yamlName(), outcome.apiName(), by);
    }

    private Pipeline pipeline(String id) {
        return pipelines
                .find(id)
                .orElseThrow(() -> ApiException.notFound("no runnable pipeline '" + id
                        + "'; GET /pipelines lists them, GET /api/v1/diagnostics shows files that failed to load"));
    }
}
