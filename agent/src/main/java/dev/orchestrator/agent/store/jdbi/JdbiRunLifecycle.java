package dev.orchestrator.agent.store.jdbi;

import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.LONG_TEXT;
import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.SHORT_TEXT;
import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.UNFINISHED_ATTEMPT;
import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.UNFINISHED_RUN;
import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.UNFINISHED_TASK;
import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.fit;

import dev.orchestrator.agent.store.AttemptOutcome;
import dev.orchestrator.agent.store.RunLifecycle;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskProcessGroup;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link RunLifecycle} on Jdbi, for {@link JdbiRunStore}: runs and their tasks inserted, and every change of a
 * run, a task or an attempt as the engine makes it, each conditional on the row not having ended. Thread-safe.
 */
final class JdbiRunLifecycle implements RunLifecycle {

    private final Jdbi jdbi;
    private final RowMappers mappers;
    private final Consumer<List<NewRun>> created;
    private final GroupCommit durability;
    private final LogWriter logs;
    private final RunHours hours;
    private final RunSearch search;

    /** @param created makes runs just committed durable, before their ids are handed out */
    JdbiRunLifecycle(
            Jdbi jdbi,
            RowMappers mappers,
            Consumer<List<NewRun>> created,
            GroupCommit durability,
            LogWriter logs,
            RunHours hours,
            RunSearch search) {
        this.jdbi = jdbi;
        this.mappers = mappers;
        this.created = created;
        this.durability = durability;
        this.logs = logs;
        this.hours = hours;
        this.search = search;
    }

    @Override
    public void insertRuns(List<NewRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> insert(handle, runs));
        created.accept(runs);
    }

    void insert(Handle handle, List<NewRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        PreparedBatch runRows = handle.prepareBatch("""
                INSERT INTO runs (run_id, pipeline_id, status, trigger_kind, logical_time, time_zone,
                    params, created_at, started_at, finished_at, reason, reason_hash, parent_run_id, trigger_depth,
                    agent_id, id_suffix, revision)
                VALUES (:runId, :pipelineId, :status, :trigger, :logicalTime, :zone, :params, :createdAt,
                    :startedAt, :finishedAt, :reason, :reasonHash, :parentRunId, :depth, :agentId, :idSuffix,
                    :revision)""");
        PreparedBatch taskRows = handle.prepareBatch("""
                INSERT INTO task_runs (run_id, task_id, position, status) VALUES (:runId, :taskId, :position, :status)""");
        boolean anyTask = false;
        for (NewRun newRun : runs) {
            RunRecord run = newRun.run();
            runRows.bind("runId", run.runId())
                    .bind("pipelineId", run.pipelineId())
                    .bind("status", run.status())
                    .bind("trigger", run.trigger())
                    .bind("logicalTime", run.logicalTime().toInstant())
                    .bind("zone", run.logicalTime().getZone().getId())
                    .bind("params", mappers.write(run.params()))
                    .bind("createdAt", run.createdAt())
                    .bind("startedAt", run.startedAt().orElse(null))
                    .bind("finishedAt", run.finishedAt().orElse(null))
                    .bind("reason", run.reason().orElse(null))
                    .bind("reasonHash", run.reason().map(RunSearch::hash).orElse(null))
                    .bind("parentRunId", run.parentRunId().orElse(null))
                    .bind("depth", run.triggerDepth())
                    .bind("agentId", run.agentId())
                    .bind("idSuffix", RunSearch.idSuffix(run.runId()))
                    .bind("revision", run.revision().orElse(null))
                    .add();
            List<String> taskIds = newRun.taskIds();
            for (int i = 0; i < taskIds.size(); i++) {
                taskRows.bind("runId", run.runId())
                        .bind("taskId", taskIds.get(i))
                        .bind("position", i)
                        .bind("status", TaskState.PENDING)
                        .add();
                anyTask = true;
            }
        }
        runRows.execute();
        search.inserted(handle, runs.stream().map(NewRun::run).toList());
        // a new run is summed up only when it is inserted ended (a skipped fire): read back as stored
        List<String> ended = runs.stream()
                .map(NewRun::run)
                .filter(run -> RunHours.Run.summed(run.status().yamlName()))
                .map(RunRecord::runId)
                .toList();
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
                .bind("status", RunState.RUNNING)
                .bind("at", at)
                .bind("runId", runId)
                .execute());
    }

    @Override
    public boolean finishRun(String runId, RunState state, Instant at, Optional<String> reason) {
        int finished = jdbi.inTransaction(handle -> {
            // it was queued or running, which the sums do not hold: nothing to take away, only its end to add
            int changed = handle.createUpdate("""
                            UPDATE runs SET status = :status, finished_at = :at, reason = :reason,
                                reason_hash = :reasonHash, started_at = COALESCE(started_at, :at)
                                WHERE run_id = :runId AND status IN\s""" + UNFINISHED_RUN)
                    .bind("status", state)
                    .bind("at", at)
                    .bind("reason", reason.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind(
                            "reasonHash",
                            reason.map(text -> search.reason(
                                            handle,
                                            fit(text, SHORT_TEXT),
                                            RunSearch.newest(handle, List.of(runId))
                                                    .orElse(at)))
                                    .orElse(null))
                    .bind("runId", runId)
                    .execute();
            if (changed == 1) {
                hours.change(handle, List.of(), RunHours.read(handle, List.of(runId), false));
            }
            return changed;
        });
        logs.runEnded(runId);
        durability.await();
        return finished == 1;
    }

    @Override
    public boolean startAttempt(
            String runId, String taskId, int number, Instant at, TaskState state, Optional<String> note) {
        return jdbi.inTransaction(handle -> {
            int started = handle.createUpdate("""
                            UPDATE task_runs SET status = :status, attempts = :number, reason = :note,
                                started_at = COALESCE(started_at, :at) WHERE run_id = :runId AND task_id = :taskId
                                AND status IN\s""" + UNFINISHED_TASK)
                    .bind("status", state)
                    .bind("number", number)
                    .bind("at", at)
                    .bind("note", note.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .execute();
            if (started == 0) {
                return false;
            }
            handle.createUpdate("""
                            INSERT INTO attempts (run_id, task_id, number, status, started_at)
                            VALUES (:runId, :taskId, :number, :status, :at)""")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .bind("number", number)
                    .bind("status", state)
                    .bind("at", at)
                    .execute();
            return true;
        });
    }

    @Override
    public void switchAttempt(String runId, String taskId, int number, TaskState state, Optional<String> note) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            UPDATE task_runs SET status = :status, reason = :note
                            WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK)
                    .bind("status", state)
                    .bind("note", note.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .execute();
            handle.createUpdate("""
                            UPDATE attempts SET status = :status
                            WHERE run_id = :runId AND task_id = :taskId AND number = :number
                            AND status IN\s""" + UNFINISHED_ATTEMPT)
                    .bind("status", state)
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .bind("number", number)
                    .execute();
        });
    }

    @Override
    public void recordProcessGroup(TaskProcessGroup group) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO process_groups (run_id, task_id, attempt, group_id, leader_start_ticks)
                        VALUES (:runId, :taskId, :attempt, :groupId, :leaderStartTicks)""").bindMethods(group).execute());
    }

    @Override
    public boolean finishAttempt(AttemptOutcome outcome) {
        return jdbi.inTransaction(handle -> {
            logs.insert(handle, outcome.logLines());
            handle.createUpdate("DELETE FROM process_groups WHERE run_id = :runId AND task_id = :taskId "
                            + "AND attempt = :number")
                    .bind("runId", outcome.runId())
                    .bind("taskId", outcome.taskId())
                    .bind("number", outcome.number())
                    .execute();
            handle.createUpdate("""
                            UPDATE attempts SET status = :status, finished_at = :at, duration_ms = :duration,
                                error_type = :errorType, error_message = :errorMessage, stack_trace = :stackTrace
                            WHERE run_id = :runId AND task_id = :taskId AND number = :number
                            AND status IN\s""" + UNFINISHED_ATTEMPT)
                    .bind("status", outcome.attemptState())
                    .bind("at", outcome.finishedAt())
                    .bind(
                            "duration",
                            outcome.finishedAt().toEpochMilli()
                                    - outcome.startedAt().toEpochMilli())
                    .bind(
                            "errorType",
                            outcome.errorType().map(text -> fit(text, 500)).orElse(null))
                    .bind(
                            "errorMessage",
                            outcome.errorMessage()
                                    .map(text -> fit(text, LONG_TEXT))
                                    .orElse(null))
                    .bind(
                            "stackTrace",
                            outcome.stackTrace()
                                    .map(text -> fit(text, LONG_TEXT))
                                    .orElse(null))
                    .bind("runId", outcome.runId())
                    .bind("taskId", outcome.taskId())
                    .bind("number", outcome.number())
                    .execute();
            boolean terminal = outcome.taskState().isTerminal();
            return handle.createUpdate("""
                            UPDATE task_runs SET status = :status, finished_at = :finishedAt, reason = :reason,
                                output_json = :json, output_file = :file, output_size = :size
                            WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK)
                            .bind("status", outcome.taskState())
                            .bind("finishedAt", terminal ? outcome.finishedAt() : null)
                            .bind(
                                    "reason",
                                    terminal
                                            ? outcome.errorMessage()
                                                    .map(JdbiRunStore::firstLine)
                                                    .orElse(null)
                                            : null)
                            .bind(
                                    "json",
                                    outcome.output().flatMap(StoredOutput::json).orElse(null))
                            .bind(
                                    "file",
                                    outcome.output().flatMap(StoredOutput::file).orElse(null))
                            .bind(
                                    "size",
                                    outcome.output().map(StoredOutput::size).orElse(null))
                            .bind("runId", outcome.runId())
                            .bind("taskId", outcome.taskId())
                            .execute()
                    == 1;
        });
    }

    @Override
    public void finishTasksWithoutRunning(
            String runId, Collection<String> taskIds, TaskState state, Instant at, Optional<String> reason) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    UPDATE task_runs SET status = :status, finished_at = :at, reason = :reason
                    WHERE run_id = :runId AND task_id = :taskId AND status IN\s""" + UNFINISHED_TASK);
            for (String taskId : taskIds) {
                batch.bind("status", state)
                        .bind("at", at)
                        .bind(
                                "reason",
                                reason.map(text -> fit(text, SHORT_TEXT)).orElse(null))
                        .bind("runId", runId)
                        .bind("taskId", taskId)
                        .add();
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
                .bind("status", TaskState.SUCCESS)
                .bind("at", at)
                .bind("json", output.json().orElse(null))
                .bind("file", output.file().orElse(null))
                .bind("size", output.size())
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute());
    }

    @Override
    public void addEvent(String runId, String kind, String message, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO run_events (run_id, noted_at, kind, message) VALUES (:runId, :at, :kind, :message)")
                .bind("runId", runId)
                .bind("at", at)
                .bind("kind", kind)
                .bind("message", fit(message, LONG_TEXT))
                .execute());
    }
}
