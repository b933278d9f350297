package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.CallLinks;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.RunProgress;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link RunHistory} on Jdbi, for {@link JdbiRunStore}: runs, their tasks, outputs and log lines read. Thread-safe. */
final class JdbiRunHistory implements RunHistory {

    private final Jdbi jdbi;
    private final RowMappers mappers;
    private final RunSearch search;
    private final JdbiMapItemStore mapItems;

    JdbiRunHistory(Jdbi jdbi, RowMappers mappers, RunSearch search) {
        this.jdbi = jdbi;
        this.mappers = mappers;
        this.search = search;
        this.mapItems = new JdbiMapItemStore(jdbi);
    }

    @Override
    public Map<String, MapCounts> findMapCounts(String runId) {
        return mapItems.counts(runId);
    }

    @Override
    public Page<MapItem> findMapItems(String runId, String taskId, Optional<TaskState> state, int page, int size) {
        return mapItems.items(runId, taskId, state, page, size);
    }

    @Override
    public Optional<RunProgress> findRunProgress(String runId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM runs WHERE run_id = :runId")
                .bind("runId", runId)
                .map(row -> mappers.run(row))
                .findOne()
                .map(run -> {
                    Map<TaskState, Integer> counts = new java.util.EnumMap<>(TaskState.class);
                    for (TaskState state : TaskState.values()) {
                        counts.put(state, 0);
                    }
                    handle.createQuery("SELECT status, COUNT(*) AS tasks FROM task_runs WHERE run_id = :runId "
                                    + "GROUP BY status")
                            .bind("runId", runId)
                            .map(row -> Map.entry(
                                    RowMappers.required(row, "status", TaskState.class),
                                    RowMappers.integer(row, "tasks")))
                            .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
                    return new RunProgress(run, counts);
                }));
    }

    @Override
    public Optional<RunDetail> findRun(String runId) {
        return jdbi.withHandle(handle -> {
            Optional<String> parentTaskId = Optional.empty();
            Optional<RunRecord> run = handle.createQuery("SELECT * FROM runs WHERE run_id = :runId")
                    .bind("runId", runId)
                    .map(row -> mappers.run(row))
                    .findOne();
            if (run.isEmpty()) {
                return Optional.empty();
            }
            if (run.get().trigger() == TriggerKind.PIPELINE) {
                parentTaskId = handle.createQuery("SELECT parent_task_id FROM runs WHERE run_id = :runId")
                        .bind("runId", runId)
                        .mapTo(String.class)
                        .findOne();
            }
            Map<String, List<AttemptRecord>> attempts = new HashMap<>();
            handle.createQuery("SELECT * FROM attempts WHERE run_id = :runId ORDER BY task_id, number")
                    .bind("runId", runId)
                    .map(row -> Map.entry(RowMappers.text(row, "task_id"), RowMappers.attempt(row)))
                    .forEach(entry -> attempts.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                            .add(entry.getValue()));
            Map<String, String> childRuns = new HashMap<>();
            List<TaskRunRecord> tasks = handle.createQuery(
                            "SELECT * FROM task_runs WHERE run_id = :runId ORDER BY position")
                    .bind("runId", runId)
                    .map(row -> {
                        String json = RowMappers.text(row, "output_json");
                        String file = RowMappers.text(row, "output_file");
                        Optional<String> preview = Optional.ofNullable(json)
                                .map(JdbiRunStore::preview)
                                .or(() -> Optional.ofNullable(file)
                                        .map(path -> "(large output, stored in " + path + ")"));
                        String taskId = RowMappers.text(row, "task_id");
                        Optional.ofNullable(RowMappers.text(row, "child_run_id"))
                                .ifPresent(child -> childRuns.put(taskId, child));
                        return new TaskRunRecord(
                                runId,
                                taskId,
                                RowMappers.integer(row, "position"),
                                RowMappers.required(row, "status", TaskState.class),
                                RowMappers.optional(row, "started_at"),
                                RowMappers.optional(row, "finished_at"),
                                RowMappers.integer(row, "attempts"),
                                Optional.ofNullable(RowMappers.text(row, "reason")),
                                preview,
                                RowMappers.number(row, "output_size"),
                                RowMappers.bool(row, "output_reused"),
                                attempts.getOrDefault(taskId, List.of()),
                                RowMappers.bool(row, "cached"),
                                Optional.ofNullable(RowMappers.text(row, "rollback_outcome")),
                                JdbiTaskMarks.read(row));
                    })
                    .list();
            var events = handle.createQuery("SELECT * FROM run_events WHERE run_id = :runId ORDER BY id")
                    .bind("runId", runId)
                    .map(row -> RowMappers.event(row))
                    .list();
            return Optional.of(new RunDetail(run.get(), tasks, events, new CallLinks(parentTaskId, childRuns)));
        });
    }

    @Override
    public Page<RunRecord> findRuns(RunQuery query) {
        Map<String, Object> binds = new HashMap<>();
        String where = RunFilter.where(query, binds);
        return jdbi.withHandle(handle -> {
            String page = " ORDER BY created_at DESC, run_id DESC LIMIT :limit OFFSET :offset";
            long offset = (query.page() - 1L) * query.size();
            if (query.text().isPresent()) {
                // a text search counted up to a bound, as the log search's. Its matches are found through the
                // search index (RunSearch), up to the bound: a rare text's few are all found by it, and its page is
                // read by their ids; a common text's page is read in list order (the runs_by_recency index) with
                // the same match row by row (RunFilter), which stops at the page's last match instead of sorting
                // tens of thousands; it starts at the newest match's creation when that is known (a date, an old
                // pipeline, an old reason), not at the newest run
                RunSearch.Found found = search.find(handle, query, (int) HistorySearch.COUNT_LIMIT + 1);
                List<String> matches = new ArrayList<>(found.runIds());
                if (matches.size() > HistorySearch.COUNT_LIMIT) {
                    found.newest().ifPresent(newest -> binds.put("newest", newest));
                    String walk = found.newest().isPresent() ? where + " AND created_at <= :newest" : where;
                    return new Page<>(
                            handle.createQuery("SELECT * FROM runs" + walk + page)
                                    .bindMap(binds)
                                    .bind("limit", query.size())
                                    .bind("offset", offset)
                                    .map(row -> mappers.run(row))
                                    .list(),
                            query.page(),
                            query.size(),
                            HistorySearch.COUNT_LIMIT + 1);
                }
                List<RunRecord> items = matches.isEmpty()
                        ? List.of()
                        : handle.createQuery("SELECT * FROM runs WHERE run_id IN (<matches>)" + page)
                                .bindList("matches", matches)
                                .bind("limit", query.size())
                                .bind("offset", offset)
                                .map(row -> mappers.run(row))
                                .list();
                return new Page<>(items, query.page(), query.size(), matches.size());
            }
            long total = handle.createQuery("SELECT COUNT(*) FROM runs" + where)
                    .bindMap(binds)
                    .mapTo(Long.class)
                    .one();
            List<RunRecord> items = handle.createQuery("SELECT * FROM runs" + where + page)
                    .bindMap(binds)
                    .bind("limit", query.size())
                    .bind("offset", offset)
                    .map(row -> mappers.run(row))
                    .list();
            return new Page<>(items, query.page(), query.size(), total);
        });
    }

    @Override
    public List<RunRecord> findRuns(String pipelineId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM runs WHERE pipeline_id = :pipelineId ORDER BY created_at, run_id LIMIT :limit""")
                .bind("pipelineId", pipelineId)
                .bind("limit", limit)
                .map(row -> mappers.run(row))
                .list());
    }

    @Override
    public Optional<StoredOutput> findOutput(String runId, String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT output_json, output_file, output_size FROM task_runs
                        WHERE run_id = :runId AND task_id = :taskId""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .map((row, context) -> RowMappers.output(row))
                .findOne()
                .filter(output -> output.json().isPresent() || output.file().isPresent()));
    }

    @Override
    public Map<String, StoredOutput> findOutputs(String runId) {
        Map<String, StoredOutput> outputs = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT task_id, output_json, output_file, output_size FROM task_runs
                        WHERE run_id = :runId AND (output_json IS NOT NULL OR output_file IS NOT NULL)
                        ORDER BY position""")
                .bind("runId", runId)
                .map((row, context) -> outputs.put(row.getString("task_id"), RowMappers.output(row)))
                .list());
        return outputs;
    }

    @Override
    public long countLogs(String runId, Optional<String> taskId) {
        // the counts kept as lines are written: counting a run's lines read all of them, millions for a chatty task
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT COALESCE(SUM(log_lines), 0) FROM task_runs WHERE run_id = :runId"
                            + (taskId.isPresent() ? " AND task_id = :taskId" : ""))
                    .bind("runId", runId);
            taskId.ifPresent(id -> query.bind("taskId", id));
            return query.mapTo(Long.class).one();
        });
    }

    @Override
    public List<LogLine> findLogs(String runId, Optional<String> taskId, long afterId, int limit) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(logPage(taskId.isPresent()))
                    .bind("runId", runId)
                    .bind("after", afterId)
                    .bind("limit", limit);
            taskId.ifPresent(id -> query.bind("taskId", id));
            return query.map(row -> RowMappers.logLine(row)).list();
        });
    }

    /**
     * A page of a run's log, or of one task's: a range of an index read in its order, stopping at the limit. The
     * ORDER BY names the index's leading columns too, though the WHERE fixes them: H2 reads rows in index order
     * only for an ORDER BY that is a prefix of the index, and with {@code ORDER BY id} alone it read and sorted
     * every line of the run (32 s for the first page of a 2,000,000-line run).
     */
    static String logPage(boolean oneTask) {
        return oneTask
                ? "SELECT * FROM task_logs WHERE run_id = :runId AND task_id = :taskId AND id > :after"
                        + " ORDER BY run_id, task_id, id LIMIT :limit"
                : "SELECT * FROM task_logs WHERE run_id = :runId AND id > :after ORDER BY run_id, id LIMIT :limit";
    }
}
