package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.AttemptOutcome;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunProgress;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.agent.store.TaskProcessGroup;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RunStore} on Jdbi: plain SQL that H2 and PostgreSQL both run. Each role is its own class
 * ({@link JdbiRunLifecycle}, {@link JdbiRunHistory}, {@link JdbiHandOvers}, {@link JdbiRecovery},
 * {@link JdbiRunRetention}, {@link JdbiTaskMarks}); this one builds them over one database and hands every call to its role.
 * Thread-safe.
 */
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
    private final LogWriter logs;
    private final JdbiRunLifecycle lifecycle;
    private final JdbiRunHistory history;
    private final JdbiHandOvers handOvers;
    private final JdbiRecovery recovery;
    private final JdbiRunRetention retention;
    private final JdbiTaskCacheStore cache;
    private final JdbiTaskMarks marks;
    private final JdbiMapItemStore mapItems;

    public JdbiRunStore(Database database, ObjectMapper json) {
        this.jdbi = database.jdbi();
        this.logs = new LogWriter(database.isH2());
        RunHours hours = new RunHours(database.isH2());
        RunSearch search = new RunSearch(database.isH2());
        RowMappers mappers = new RowMappers(json);
        // a run's creation and its end are what clients are told about: they must survive a killed process. A
        // creation goes to the run journal where there is one (the embedded H2 file: one small write instead of H2
        // writing every page the insert changed), an end is forced to disk with the database (it also makes the
        // run's tasks, outputs and logs durable, which a journal record would have to carry)
        GroupCommit durability = database.durability();
        RunCreationRecord records = new RunCreationRecord(json);
        Consumer<List<NewRun>> created = database.runJournal()
                .<Consumer<List<NewRun>>>map(journal -> runs -> journal.append(records.write(runs)))
                .orElse(runs -> durability.await());
        this.lifecycle = new JdbiRunLifecycle(jdbi, mappers, created, durability, logs, hours, search);
        this.history = new JdbiRunHistory(jdbi, mappers, search);
        this.handOvers = new JdbiHandOvers(jdbi, lifecycle, durability);
        this.recovery = new JdbiRecovery(jdbi, hours, search, durability);
        this.retention = new JdbiRunRetention(jdbi, hours);
        this.cache = new JdbiTaskCacheStore(jdbi);
        this.marks = new JdbiTaskMarks(jdbi);
        this.mapItems = new JdbiMapItemStore(database);
        // before anyone reads the runs (recovery): what a killed process answered for and the database lost
        database.runJournal()
                .ifPresent(journal -> new JournalReplay(jdbi, journal, records, lifecycle, durability).replay());
    }

    @Override
    public JdbiMapItemStore mapItems() {
        return mapItems;
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
    public void insertRuns(List<NewRun> runs) {
        lifecycle.insertRuns(runs);
    }

    @Override
    public Set<String> insertScheduledRuns(String agentId, List<NewRun> runs) {
        return handOvers.insertScheduledRuns(agentId, runs);
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
        return handOvers.takeHandedOverRun(runId, agentId);
    }

    @Override
    public int handOnUntakenRuns(String fromAgentId, String toAgentId) {
        return handOvers.handOnUntakenRuns(fromAgentId, toAgentId);
    }

    @Override
    public List<String> agentsWithUntakenRunsAndNoHeartbeat() {
        return handOvers.agentsWithUntakenRunsAndNoHeartbeat();
    }

    @Override
    public void markRunStarted(String runId, Instant at) {
        lifecycle.markRunStarted(runId, at);
    }

    @Override
    public boolean finishRun(String runId, RunState state, Instant at, Optional<String> reason) {
        return lifecycle.finishRun(runId, state, at, reason);
    }

    @Override
    public boolean startAttempt(
            String runId, String taskId, int number, Instant at, TaskState state, Optional<String> note) {
        return lifecycle.startAttempt(runId, taskId, number, at, state, note);
    }

    @Override
    public void switchAttempt(String runId, String taskId, int number, TaskState state, Optional<String> note) {
        lifecycle.switchAttempt(runId, taskId, number, state, note);
    }

    @Override
    public boolean finishAttempt(AttemptOutcome outcome) {
        return lifecycle.finishAttempt(outcome);
    }

    @Override
    public void finishTasksWithoutRunning(
            String runId, Collection<String> taskIds, TaskState state, Instant at, Optional<String> reason) {
        lifecycle.finishTasksWithoutRunning(runId, taskIds, state, at, reason);
    }

    @Override
    public void reuseTask(String runId, String taskId, StoredOutput output, Instant at) {
        lifecycle.reuseTask(runId, taskId, output, at);
    }

    @Override
    public void requestCancel(String runId, String reason, Instant at) {
        handOvers.requestCancel(runId, reason, at);
    }

    @Override
    public void recordCall(String parentRunId, String taskId, String childRunId) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE runs SET parent_task_id = :taskId WHERE run_id = :childRunId")
                    .bind("taskId", taskId)
                    .bind("childRunId", childRunId)
                    .execute();
            handle.createUpdate(
                            "UPDATE task_runs SET child_run_id = :childRunId WHERE run_id = :runId AND task_id = :taskId")
                    .bind("childRunId", childRunId)
                    .bind("runId", parentRunId)
                    .bind("taskId", taskId)
                    .execute();
        });
    }

    @Override
    public void recordProcessGroup(TaskProcessGroup group) {
        lifecycle.recordProcessGroup(group);
    }

    @Override
    public boolean markTask(String runId, String taskId, TaskMark mark, Optional<StoredOutput> output) {
        return marks.markTask(runId, taskId, mark, output);
    }

    @Override
    public void addEvent(String runId, String kind, String message, Instant at) {
        lifecycle.addEvent(runId, kind, message, at);
    }

    @Override
    public Optional<CachedOutput> findCached(String pipelineId, String taskId, String key, Instant notBefore) {
        return cache.findCached(pipelineId, taskId, key, notBefore);
    }

    @Override
    public void storeCached(String pipelineId, String taskId, String key, CachedOutput output) {
        cache.storeCached(pipelineId, taskId, key, output);
    }

    @Override
    public int clearCache(Optional<String> pipelineId, Optional<String> taskId) {
        return cache.clearCache(pipelineId, taskId);
    }

    @Override
    public void markTaskCached(String runId, String taskId) {
        cache.markTaskCached(runId, taskId);
    }

    @Override
    public void recordRollback(String runId, String taskId, String outcome) {
        cache.recordRollback(runId, taskId, outcome);
    }

    @Override
    public void appendLogs(List<LogLine> lines) {
        if (!lines.isEmpty()) {
            jdbi.useTransaction(handle -> logs.insert(handle, lines));
        }
    }

    @Override
    public Optional<RunDetail> findRun(String runId) {
        return history.findRun(runId);
    }

    @Override
    public Optional<RunProgress> findRunProgress(String runId) {
        return history.findRunProgress(runId);
    }

    @Override
    public Page<RunRecord> findRuns(RunQuery query) {
        return history.findRuns(query);
    }

    @Override
    public List<RunRecord> findRuns(String pipelineId, int limit) {
        return history.findRuns(pipelineId, limit);
    }

    @Override
    public Optional<StoredOutput> findOutput(String runId, String taskId) {
        return history.findOutput(runId, taskId);
    }

    @Override
    public Map<String, StoredOutput> findOutputs(String runId) {
        return history.findOutputs(runId);
    }

    @Override
    public long countLogs(String runId, Optional<String> taskId) {
        return history.countLogs(runId, taskId);
    }

    @Override
    public List<LogLine> findLogs(String runId, Optional<String> taskId, long afterId, int limit) {
        return history.findLogs(runId, taskId, afterId, limit);
    }

    @Override
    public List<TaskProcessGroup> findProcessGroupsOfUnfinishedRuns(String agentId) {
        return recovery.findProcessGroupsOfUnfinishedRuns(agentId);
    }

    @Override
    public int markUnfinishedCrashed(String agentId, String reason, Instant at) {
        return recovery.markUnfinishedCrashed(agentId, reason, at);
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
        recovery.crashRun(runId, reason, at);
    }

    @Override
    public List<String> purgeFinishedBefore(Instant cutoff) {
        return retention.purgeFinishedBefore(cutoff);
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

    /** A task's reason from its error: the first line, at most 1,000 characters. */
    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 1000 ? line : line.substring(0, 1000) + "...";
    }
}
