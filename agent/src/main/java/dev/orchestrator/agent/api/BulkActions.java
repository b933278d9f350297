package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.api.BulkResultDto;
import dev.orchestrator.api.BulkRunDto;
import dev.orchestrator.model.RunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code POST /api/v1/runs/bulk} (issue 20): cancel or retry many runs with one request, named by id or selected by
 * the run list's filters, each run answered with its outcome; {@code dry_run} lists what would be done and does
 * nothing. One run's failure is that run's outcome, never the request's. Thread-safe.
 */
final class BulkActions {

    /** The most runs one request acts on: a filter that selects more is refused, so nothing is half done. */
    static final int MAX_RUNS = 1_000;

    private static final Set<String> ACTIONS = Set.of("cancel", "retry");
    private static final Set<String> FILTERS = Set.of("pipeline", "status", "from", "to", "q");

    private final RunHistory store;
    private final RunCancels cancels;
    private final BiFunction<String, Optional<String>, String> retry;
    private final ObjectMapper json;

    /** @param retry retries a run (its id, no task to retry from) and answers the new run's id */
    BulkActions(
            RunHistory store,
            RunCancels cancels,
            BiFunction<String, Optional<String>, String> retry,
            ObjectMapper json) {
        this.store = store;
        this.cancels = cancels;
        this.retry = retry;
        this.json = json;
    }

    /** Body {@code {"action": "cancel"|"retry", "run_ids": [...] | "filter": {...}, "dry_run": false}}. */
    @SuppressWarnings("unchecked")
    Object handle(ApiRequest request) {
        Map<String, Object> body = request.body(Map.class, Map.of());
        Object action = body.get("action");
        if (!(action instanceof String name) || !ACTIONS.contains(name)) {
            throw ApiException.badRequest("'action' is cancel or retry, such as {\"action\": \"retry\", \"filter\": "
                    + "{\"status\": \"failed\", \"pipeline\": \"nightly\"}, \"dry_run\": true}; got " + action);
        }
        Object dryRun = body.getOrDefault("dry_run", false);
        if (!(dryRun instanceof Boolean dry)) {
            throw ApiException.badRequest("'dry_run' is true or false; got " + dryRun);
        }
        List<BulkRunDto> runs = new ArrayList<>();
        for (Selected selected : select(request, body)) {
            runs.add(
                    selected.run().isEmpty()
                            ? new BulkRunDto(
                                    selected.runId(), null, null, "error", "no run '" + selected.runId() + "'", null)
                            : act((String) action, selected.run().get(), dry));
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        runs.forEach(run -> outcomes.merge(run.outcome(), 1, Integer::sum));
        return new BulkResultDto((String) action, dry, runs.size(), outcomes, runs);
    }

    /** A run the request names, or found by its filter; empty when no run has the id given. */
    private record Selected(String runId, Optional<RunRecord> run) {}

    private List<Selected> select(ApiRequest request, Map<String, Object> body) {
        Object ids = body.get("run_ids");
        Object filter = body.get("filter");
        if ((ids == null) == (filter == null)) {
            throw ApiException.badRequest("name the runs with 'run_ids' (a list of run ids) or select them with "
                    + "'filter' (the filters of GET /api/v1/runs: pipeline, status, from, to, q), one of the two");
        }
        if (ids != null) {
            if (!(ids instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw ApiException.badRequest("'run_ids' is a list of run ids, such as [\"20240315T060000-3f2a\"]");
            }
            if (list.size() > MAX_RUNS) {
                throw tooMany(list.size());
            }
            return list.stream()
                    .map(String.class::cast)
                    .distinct()
                    .map(id -> new Selected(id, store.findRun(id).map(RunDetail::run)))
                    .toList();
        }
        List<RunRecord> found = store.findRuns(query(request, filter)).items();
        if (found.size() > MAX_RUNS) {
            throw tooMany(found.size());
        }
        return found.stream()
                .map(run -> new Selected(run.runId(), Optional.of(run)))
                .toList();
    }

    /** The filter read as GET /api/v1/runs reads its query, with the same checks and messages. */
    private RunQuery query(ApiRequest request, Object filter) {
        if (!(filter instanceof Map<?, ?> map) || map.isEmpty()) {
            throw ApiException.badRequest("'filter' is an object of the filters of GET /api/v1/runs (pipeline, "
                    + "status, from, to, q), at least one, such as {\"status\": \"failed\"}");
        }
        Map<String, String> query = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!FILTERS.contains(String.valueOf(key))) {
                throw ApiException.badRequest("'filter' takes pipeline, status, from, to and q; not '" + key + "'");
            }
            if (value instanceof Map || value instanceof List) {
                throw ApiException.badRequest("the filter '" + key + "' is text, such as \"failed\"; got " + value);
            }
            if (value != null) {
                query.put(String.valueOf(key), String.valueOf(value));
            }
        });
        RunQuery filters = Filters.runs(new ApiRequest(
                request.method(),
                request.path(),
                Map.of(),
                query,
                request.headers(),
                new byte[0],
                json,
                request.caller()));
        return new RunQuery(
                filters.pipelineId(), filters.status(), filters.from(), filters.to(), filters.text(), 1, MAX_RUNS + 1);
    }

    private static ApiException tooMany(int count) {
        return ApiException.badRequest("a bulk action takes at most " + MAX_RUNS + " runs; this one selects "
                + (count > MAX_RUNS ? "more" : count) + ": narrow the filter (a pipeline, a time range) or send "
                + "several requests");
    }

    private BulkRunDto act(String action, RunRecord run, boolean dryRun) {
        RunState status = run.status();
        Optional<String> skip = action.equals("cancel")
                ? status.isTerminal() ? Optional.of("already ended as " + status.yamlName()) : Optional.empty()
                : !status.isTerminal()
                        ? Optional.of("still " + status.yamlName() + "; cancel it or wait for it to end")
                        : status == RunState.SUCCESS ? Optional.of("it succeeded: nothing to retry") : Optional.empty();
        if (skip.isPresent()) {
            return outcome(run, "skipped", skip.get(), null);
        }
        if (dryRun) {
            return outcome(run, "planned", null, null);
        }
        try {
            if (action.equals("cancel")) {
                cancels.cancel(run.runId(), "cancelled through a bulk action of the API");
                return outcome(run, "done", null, null);
            }
            return outcome(run, "done", null, retry.apply(run.runId(), Optional.empty()));
        } catch (RuntimeException e) {
            // one run's failure (ended meanwhile, its pipeline gone, the agent stopping) is its own outcome
            return outcome(run, "error", e.getMessage(), null);
        }
    }

    private static BulkRunDto outcome(RunRecord run, String outcome, String reason, String newRunId) {
        return new BulkRunDto(run.runId(), run.pipelineId(), run.status().yamlName(), outcome, reason, newRunId);
    }
}
