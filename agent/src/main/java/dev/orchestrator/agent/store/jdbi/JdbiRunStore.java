package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.AttemptOutcome;
import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunProgress;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskProcessGroup;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/** {@link RunStore} on Jdbi: plain SQL that H2 and PostgreSQL both run. Thread-safe. */
public final class JdbiRunStore implements RunStore {

    /** The characters of an output kept for lists and previews. */
    static final int PREVIEW_CHARS = 4_000;
    /** What fits the long text columns (VARCHAR(1000000)), with room to say it was cut. */
    static final int LONG_TEXT = 999_000;
    /** What fits the reason columns (VARCHAR(4000)). */
    static final int SHORT_TEXT = 3_990;

    /**
     * The task states a task leaves by itself. Every update of a task or an attempt is conditional on them: once
     * ended (by its agent, or as crashed by another that took its agent for dead), a task stays as it ended.
     */
    static final String UNFINISHED_TASK = "('pending', 'running', 'waiting', 'retrying')";
    /** The states of an attempt under way. */
    static final String UNFINISHED_ATTEMPT = "('running', 'waiting')";
    /** The states of a run not yet ended. */
    static final String UNFINISHED_RUN = "('queued', 'running')";

    private final Jdbi jdbi;
    private final RowMappers mappers;
    private final GroupCommit durability;
    private final LogWriter logs;
    private final RunHandOvers handOvers;
    private final RunRecovery recovery;
    private final RunHours hours;
    private final RunSearch search;

    public JdbiRunStore(Database database, ObjectMapper json) {
        this.logs = new LogWriter(database.isH2());
        this.handOvers = new RunHandOvers(database.jdbi());
        this.hours = new RunHours(database.isH2());
        this.search = new RunSearch(database.isH2());
        this.recovery = new RunRecovery(database.jdbi(), hours, search);
        this.jdbi = database.jdbi();
        this.mappers = new RowMappers(json);
        this.durability = new GroupCommit(() -> database.forceToDiskStatement()
                .ifPresent(statement -> jdbi.useHandle(handle -> handle.execute(statement))));
    }

    /** A run's creation and its end are what clients are told about: they must survive a killed process. */
    private void makeDurable() {
        durability.await();
    }

    @Override
    public void insertRuns(List<NewRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> insert(handle, runs));
        makeDurable();
    }

    @Override
    public Set<String> insertScheduledRuns(String agentId, List<NewRun> runs) {
        if (runs.isEmpty()) {
            return Set.of();
        }
        Set<String> inserted = jdbi.inTransaction(handle -> {
            // row locks: an agent taking the same fire over waits for this transaction, then finds it settled
            PreparedBatch settle = handle.prepareBatch("""
                    UPDATE schedule_fires SET state = 'settled' WHERE pipeline_id = :pipelineId
                    AND fire_time = :fireTime AND agent_id = :agentId AND state = 'handed_over'""");
            for (NewRun newRun : runs) {
                settle.bind("pipelineId", newRun.run().pipelineId())
                        .bind("fireTime", Times.utc(newRun.run().logicalTime().toInstant()))
                        .bind("agentId", agentId).add();
            }
            int[] settled = settle.execute();
            List<NewRun> claimed = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (settled[i] == 1) {
                    claimed.add(runs.get(i));
                }
            }
            insert(handle, claimed);
            handOvers.record(handle, agentId, claimed);
            Set<String> runIds = new LinkedHashSet<>();
            claimed.forEach(newRun -> runIds.add(newRun.run().runId()));
            return runIds;
        });
        makeDurable();
        return inserted;
    }

    @Override
    public int countUnfinished(String pipelineId) {
        return handOvers.countUnfinished(pipelineId);
    }

    @Override
    public List<String> handedOverRuns(String agentId) {
        return handOvers.handedOverRuns(agentId);
    }

    @Override
    public boolean takeHandedOverRun(String runId, String agentId) {
        return handOvers.take(runId, agentId);
    }

    @Override
    public int handOnUntakenRuns(String fromAgentId, String toAgentId) {
        return handOvers.handOn(fromAgentId, toAgentId);
    }

    @Override
    public List<String> agentsWithUntakenRunsAndNoHeartbeat() {
        return handOvers.agentsGoneWithUntakenRuns();
    }

    private void insert(Handle handle, List<NewRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        PreparedBatch runRows = handle.prepareBatch("""
                INSERT INTO runs (run_id, pipeline_id, status, trigger_kind, logical_time, time_zone,
                    params, created_at, started_at, finished_at, reason, reason_hash, parent_run_id, trigger_depth,
                    agent_id, id_suffix)
                VALUES (:runId, :pipelineId, :status, :trigger, :logicalTime, :zone, :params, :createdAt,
                    :startedAt, :finishedAt, :reason, :reasonHash, :parentRunId, :depth, :agentId, :idSuffix)""");
        PreparedBatch taskRows = handle.prepareBatch("""
                INSERT INTO task_runs (run_id, task_id, position, status) VALUES (:runId, :taskId, :position, :status)""");
        boolean anyTask = false;
        for (NewRun newRun : runs) {
            RunRecord run = newRun.run();
            runRows.bind("runId", run.runId()).bind("pipelineId", run.pipelineId())
                    .bind("status", run.status().yamlName()).bind("trigger", run.trigger().yamlName())
                    .bind("logicalTime", Times.utc(run.logicalTime().toInstant()))
                    .bind("zone", run.logicalTime().getZone().getId()).bind("params", mappers.write(run.params()))
                    .bind("createdAt", Times.utc(run.createdAt()))
                    .bind("startedAt", Times.utc(run.startedAt().orElse(null)))
                    .bind("finishedAt", Times.utc(run.finishedAt().orElse(null)))
                    .bind("reason", run.reason().orElse(null))
                    .bind("reasonHash", run.reason().map(RunSearch::hash).orElse(null))
                    .bind("parentRunId", run.parentRunId().orElse(null))
                    .bind("depth", run.triggerDepth()).bind("agentId", run.agentId())
                    .bind("idSuffix", RunSearch.idSuffix(run.runId())).add();
            List<String> taskIds = newRun.taskIds();
            for (int i = 0; i < taskIds.size(); i++) {
                taskRows.bind("runId", run.runId()).bind("taskId", taskIds.get(i)).bind("position", i)
                        .bind("status", TaskState.PENDING.yamlName()).add();
                anyTask = true;
            }
        }
        runRows.execute();
        search.inserted(handle, runs.stream().map(NewRun::run).toList());
        // a new run is summed up only when it is inserted ended (a skipped fire): read back as stored
        List<String> ended = runs.stream().map(NewRun::run)
                .filter(run -> RunHours.Run.summed(run.status().yamlName())).map(RunRecord::runId).toList();
        if (!ended.isEmpty()) {
            hours.change(handle, List.of(), RunHours.read(handle, ended, false));
        }
        if (anyTask) {
            taskRows.execute();
        }
    }

    @Override
    public void markRunStarted(String runId, Instant at) {
        // queued to running changes no sums (RunHours sums up ended runs only)
        jdbi.useHandle(handle -> handle.createUpdate(
                        // only from queued: a run another agent marked crashed (this one taken for dead) stays so
                        "UPDATE runs SET status = :status, started_at = :at WHERE run_id = :runId AND status = 'queued'")
                .bind("status", RunState.RUNNING.yamlName()).bind("at", Times.utc(at)).bind("runId", runId).execute());
    }

    @Override
    public boolean finishRun(String runId, RunState state, Instant at, Optional<String> reason) {
        int finished = jdbi.inTransaction(handle -> {
            // it was queued or running, which the sums do not hold: nothing to take away, only its end to add
            int changed = handle.createUpdate("""
                            UPDATE runs SET status = :status, finished_at = :at, reason = :reason,
                                reason_hash = :reasonHash, started_at = COALESCE(started_at, :at)
                                WHERE run_id = :runId AND status IN\s"""
                            + UNFINISHED_RUN)
                    .bind("status", state.yamlName()).bind("at", Times.utc(at))
                    .bind("reason", reason.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind("reasonHash", reason.map(text -> search.reason(handle, fit(text, SHORT_TEXT),
                            RunSearch.newest(handle, List.of(runId)).orElse(at))).orElse(null))
                    .bind("runId", runId).execute();
            if (changed == 1) {
                hours.change(handle, List.of(), RunHours.read(handle, List.of(runId), false));
            }
            return changed;
        });
        logs.runEnded(runId);
        makeDurable();
        return finished == 1;
    }

    @Override
    public boolean startAttempt(String runId, String taskId, int number, Instant at, TaskState state,
                                Optional<String> note) {
        return jdbi.inTransaction(handle -> {
            int started = handle.createUpdate("""
                            UPDATE task_runs SET status = :status, attempts = :number, reason = :note,
                                started_at = COALESCE(started_at, :at) WHERE run_id = :runId AND task_id = :taskId
                                AND status IN\s""" + UNFINISHED_TASK)
                    .bind("status", state.yamlName()).bind("number", number).bind("at", Times.utc(at))
                    .bind("note", note.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind("runId", runId).bind("taskId", taskId).execute();
            if (started == 0) {
                return false;
            }
            handle.createUpdate("""
                            INSERT INTO attempts (run_id, task_id, number, status, started_at)
                            VALUES (:runId, :taskId, :number, :status, :at)""")
                    .bind("runId", runId).bind("taskId", taskId).bind("number", number)
                    .bind("status", state.yamlName()).bind("at", Times.utc(at)).execute();
            return true;
        });
    }

    @Override
    public void switchAttempt(String runId, String taskId, int number, TaskState state, Optional<String> note) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            UPDATE task_runs SET status = :status, reason = :note
                            WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK)
                    .bind("status", state.yamlName()).bind("note", note.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind("runId", runId).bind("taskId", taskId).execute();
            handle.createUpdate("""
                            UPDATE attempts SET status = :status
                            WHERE run_id = :runId AND task_id = :taskId AND number = :number
                            AND status IN\s""" + UNFINISHED_ATTEMPT)
                    .bind("status", state.yamlName()).bind("runId", runId).bind("taskId", taskId)
                    .bind("number", number).execute();
        });
    }

    @Override
    public void recordProcessGroup(TaskProcessGroup group) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO process_groups (run_id, task_id, attempt, group_id, leader_start_ticks)
                        VALUES (:runId, :taskId, :attempt, :groupId, :leaderStartTicks)""")
                .bindMethods(group).execute());
    }

    @Override
    public List<TaskProcessGroup> findProcessGroupsOfUnfinishedRuns(String agentId) {
        return recovery.findProcessGroupsOfUnfinishedRuns(agentId);
    }

    @Override
    public boolean finishAttempt(AttemptOutcome outcome) {
        return jdbi.inTransaction(handle -> {
            logs.insert(handle, outcome.logLines());
            handle.createUpdate("DELETE FROM process_groups WHERE run_id = :runId AND task_id = :taskId "
                            + "AND attempt = :number")
                    .bind("runId", outcome.runId()).bind("taskId", outcome.taskId()).bind("number", outcome.number())
                    .execute();
            handle.createUpdate("""
                            UPDATE attempts SET status = :status, finished_at = :at, duration_ms = :duration,
                                error_type = :errorType, error_message = :errorMessage, stack_trace = :stackTrace
                            WHERE run_id = :runId AND task_id = :taskId AND number = :number
                            AND status IN\s""" + UNFINISHED_ATTEMPT)
                    .bind("status", outcome.attemptState().yamlName()).bind("at", Times.utc(outcome.finishedAt()))
                    .bind("duration", outcome.finishedAt().toEpochMilli() - outcome.startedAt().toEpochMilli())
                    .bind("errorType", outcome.errorType().map(text -> fit(text, 500)).orElse(null))
                    .bind("errorMessage", outcome.errorMessage().map(text -> fit(text, LONG_TEXT)).orElse(null))
                    .bind("stackTrace", outcome.stackTrace().map(text -> fit(text, LONG_TEXT)).orElse(null))
                    .bind("runId", outcome.runId()).bind("taskId", outcome.taskId()).bind("number", outcome.number())
                    .execute();
            boolean terminal = outcome.taskState().isTerminal();
            return handle.createUpdate("""
                            UPDATE task_runs SET status = :status, finished_at = :finishedAt, reason = :reason,
                                output_json = :json, output_file = :file, output_size = :size
                            WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK)
                    .bind("status", outcome.taskState().yamlName())
                    .bind("finishedAt", terminal ? Times.utc(outcome.finishedAt()) : null)
                    .bind("reason", terminal ? outcome.errorMessage().map(JdbiRunStore::firstLine).orElse(null) : null)
                    .bind("json", outcome.output().flatMap(StoredOutput::json).orElse(null))
                    .bind("file", outcome.output().flatMap(StoredOutput::file).orElse(null))
                    .bind("size", outcome.output().map(StoredOutput::size).orElse(null))
                    .bind("runId", outcome.runId()).bind("taskId", outcome.taskId()).execute() == 1;
        });
    }

    @Override
    public void finishTasksWithoutRunning(String runId, Collection<String> taskIds, TaskState state, Instant at,
                                          Optional<String> reason) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    UPDATE task_runs SET status = :status, finished_at = :at, reason = :reason
                    WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK);
            for (String taskId : taskIds) {
                batch.bind("status", state.yamlName()).bind("at", Times.utc(at))
                        .bind("reason", reason.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                        .bind("runId", runId).bind("taskId", taskId).add();
            }
            batch.execute();
        });
    }

    @Override
    public void reuseTask(String runId, String taskId, StoredOutput output, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE task_runs SET status = :status, started_at = :at, finished_at = :at, output_json = :json,
                            output_file = :file, output_size = :size, output_reused = TRUE
                        WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK)
                .bind("status", TaskState.SUCCESS.yamlName()).bind("at", Times.utc(at))
                .bind("json", output.json().orElse(null)).bind("file", output.file().orElse(null))
                .bind("size", output.size()).bind("runId", runId).bind("taskId", taskId).execute());
    }

    @Override
    public void appendLogs(List<LogLine> lines) {
        if (!lines.isEmpty()) {
            jdbi.useTransaction(handle -> logs.insert(handle, lines));
        }
    }

    @Override
    public void addEvent(String runId, String kind, String message, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO run_events (run_id, noted_at, kind, message) VALUES (:runId, :at, :kind, :message)")
                .bind("runId", runId).bind("at", Times.utc(at)).bind("kind", kind)
                .bind("message", fit(message, LONG_TEXT)).execute());
    }

    @Override
    public Optional<RunProgress> findRunProgress(String runId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM runs WHERE run_id = :runId")
                .bind("runId", runId).map((row, context) -> mappers.run(row)).findOne().map(run -> {
                    Map<TaskState, Integer> counts = new java.util.EnumMap<>(TaskState.class);
                    for (TaskState state : TaskState.values()) {
                        counts.put(state, 0);
                    }
                    handle.createQuery("SELECT status, COUNT(*) AS tasks FROM task_runs WHERE run_id = :runId "
                                    + "GROUP BY status")
                            .bind("runId", runId)
                            .map((row, context) -> Map.entry(RowMappers.taskState(row.getString("status")),
                                    row.getInt("tasks")))
                            .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
                    return new RunProgress(run, counts);
                }));
    }

    @Override
    public Optional<RunDetail> findRun(String runId) {
        return jdbi.withHandle(handle -> {
            Optional<RunRecord> run = handle.createQuery("SELECT * FROM runs WHERE run_id = :runId")
                    .bind("runId", runId).map((row, context) -> mappers.run(row)).findOne();
            if (run.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<AttemptRecord>> attempts = new HashMap<>();
            handle.createQuery("SELECT * FROM attempts WHERE run_id = :runId ORDER BY task_id, number")
                    .bind("runId", runId)
                    .map((row, context) -> Map.entry(row.getString("task_id"), RowMappers.attempt(row)))
                    .forEach(entry -> attempts.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                            .add(entry.getValue()));
            List<TaskRunRecord> tasks = handle.createQuery(
                            "SELECT * FROM task_runs WHERE run_id = :runId ORDER BY position")
                    .bind("runId", runId)
                    .map((row, context) -> {
                        String json = row.getString("output_json");
                        String file = row.getString("output_file");
                        Optional<String> preview = Optional.ofNullable(json).map(JdbiRunStore::preview)
                                .or(() -> Optional.ofNullable(file).map(path -> "(large output, stored in " + path + ")"));
                        String taskId = row.getString("task_id");
                        return new TaskRunRecord(runId, taskId, row.getInt("position"),
                                RowMappers.taskState(row.getString("status")), Times.read(row, "started_at"),
                                Times.read(row, "finished_at"), row.getInt("attempts"),
                                Optional.ofNullable(row.getString("reason")), preview, row.getLong("output_size"),
                                row.getBoolean("output_reused"), attempts.getOrDefault(taskId, List.of()));
                    }).list();
            var events = handle.createQuery("SELECT * FROM run_events WHERE run_id = :runId ORDER BY id")
                    .bind("runId", runId).map((row, context) -> RowMappers.event(row)).list();
            return Optional.of(new RunDetail(run.get(), tasks, events));
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
                    found.newest().ifPresent(newest -> binds.put("newest", Times.utc(newest)));
                    String walk = found.newest().isPresent() ? where + " AND created_at <= :newest" : where;
                    return new Page<>(handle.createQuery("SELECT * FROM runs" + walk + page).bindMap(binds)
                            .bind("limit", query.size()).bind("offset", offset)
                            .map((row, context) -> mappers.run(row)).list(), query.page(), query.size(),
                            HistorySearch.COUNT_LIMIT + 1);
                }
                List<RunRecord> items = matches.isEmpty() ? List.of() : handle.createQuery(
                                "SELECT * FROM runs WHERE run_id IN (<matches>)" + page)
                        .bindList("matches", matches).bind("limit", query.size()).bind("offset", offset)
                        .map((row, context) -> mappers.run(row)).list();
                return new Page<>(items, query.page(), query.size(), matches.size());
            }
            long total = handle.createQuery("SELECT COUNT(*) FROM runs" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<RunRecord> items = handle.createQuery("SELECT * FROM runs" + where + page)
                    .bindMap(binds).bind("limit", query.size()).bind("offset", offset)
                    .map((row, context) -> mappers.run(row)).list();
            return new Page<>(items, query.page(), query.size(), total);
        });
    }

    @Override
    public List<RunRecord> findRuns(String pipelineId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM runs WHERE pipeline_id = :pipelineId ORDER BY created_at, run_id LIMIT :limit""")
                .bind("pipelineId", pipelineId).bind("limit", limit)
                .map((row, context) -> mappers.run(row)).list());
    }

    @Override
    public Optional<StoredOutput> findOutput(String runId, String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT output_json, output_file, output_size FROM task_runs
                        WHERE run_id = :runId AND task_id = :taskId""")
                .bind("runId", runId).bind("taskId", taskId)
                .map((row, context) -> new StoredOutput(Optional.ofNullable(row.getString("output_json")),
                        Optional.ofNullable(row.getString("output_file")), row.getLong("output_size")))
                .findOne()
                .filter(output -> output.json().isPresent() || output.file().isPresent()));
    }

    @Override
    public long countLogs(String runId, Optional<String> taskId) {
        // the counts kept as lines are written: counting a run's lines read all of them, millions for a chatty task
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT COALESCE(SUM(log_lines), 0) FROM task_runs WHERE run_id = :runId"
                    + (taskId.isPresent() ? " AND task_id = :taskId" : "")).bind("runId", runId);
            taskId.ifPresent(id -> query.bind("taskId", id));
            return query.mapTo(Long.class).one();
        });
    }

    @Override
    public List<LogLine> findLogs(String runId, Optional<String> taskId, long afterId, int limit) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(logPage(taskId.isPresent()))
                    .bind("runId", runId).bind("after", afterId).bind("limit", limit);
            taskId.ifPresent(id -> query.bind("taskId", id));
            return query.map((row, context) -> RowMappers.logLine(row)).list();
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

    @Override
    public int markUnfinishedCrashed(String agentId, String reason, Instant at) {
        int crashed = recovery.markUnfinishedCrashed(agentId, reason, at);
        makeDurable();
        return crashed;
    }

    @Override
    public List<String> findResumableRuns(String agentId) {
        return recovery.findResumableRuns(agentId);
    }

    @Override
    public List<String> adoptResumableRuns(String deadAgentId, String agentId) {
        return recovery.adoptResumableRuns(deadAgentId, agentId);
    }

    @Override
    public void crashRun(String runId, String reason, Instant at) {
        recovery.crash(runId, reason, at);
        makeDurable();
    }

    @Override
    public List<String> purgeFinishedBefore(Instant cutoff) {
        return jdbi.inTransaction(handle -> {
            List<String> runIds = handle.createQuery("""
                            SELECT run_id FROM runs WHERE finished_at < :cutoff
                            AND status NOT IN ('queued', 'running')""")
                    .bind("cutoff", Times.utc(cutoff)).mapTo(String.class).list();
            if (!runIds.isEmpty()) {
                // locked: of two agents purging at once, the second finds the rows gone and takes nothing off
                List<RunHours.Run> purged = RunHours.read(handle, runIds, true);
                hours.change(handle, purged, List.of());
                for (String table : List.of("event_waits", "task_logs", "run_events", "attempts", "task_runs", "runs")) {
                    handle.createUpdate("DELETE FROM " + table + " WHERE run_id IN (<runIds>)")
                            .bindList("runIds", runIds).execute();
                }
            }
            return runIds;
        });
    }

    /** Text cut to its column, saying so: a long value must never make a state change fail. */
    static String fit(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int kept = limit - 60;
        return text.substring(0, kept) + " ... (" + (text.length() - kept) + " more characters cut)";
    }

    static String preview(String json) {
        return json.length() <= PREVIEW_CHARS ? json : json.substring(0, PREVIEW_CHARS) + "...";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 1000 ? line : line.substring(0, 1000) + "...";
    }
}
