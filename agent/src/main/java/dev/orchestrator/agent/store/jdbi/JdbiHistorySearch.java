package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.LogEntry;
import dev.orchestrator.agent.store.LogQuery;
import dev.orchestrator.agent.store.LogTerms;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.RunStatistics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** Search, export and dashboard figures over the run history, in SQL both H2 and PostgreSQL understand. */
public final class JdbiHistorySearch implements HistorySearch {

    /** Rows fetched per round trip when streaming: enough to keep the database busy, little memory. */
    private static final int FETCH_SIZE = 1_000;
    /** How many runs' lines a word search reads at a time. */
    private static final int RUNS_PER_READ = 20;

    private static final java.util.Comparator<LogEntry> NEWEST_FIRST =
            java.util.Comparator.comparing(LogEntry::at).reversed();

    private final Jdbi jdbi;
    private final RowMappers mappers;
    private final boolean h2;

    public JdbiHistorySearch(Database database, ObjectMapper json) {
        this.jdbi = database.jdbi();
        this.mappers = new RowMappers(json);
        this.h2 = database.isH2();
    }

    @Override
    public Page<LogEntry> findLogEntries(LogQuery query, int page, int size) {
        Sql sql = entries(query);
        Optional<String> term = query.text().flatMap(LogTerms::rarest);
        if (term.isPresent()) {
            return findByWord(query, sql, page, size);
        }
        return jdbi.withHandle(handle -> {
            // counted up to a bound: a filter may match a good part of a million lines, and counting them all
            // would cost more than finding the page
            long total = handle.createQuery("SELECT COUNT(*) FROM (" + sql.text + " LIMIT " + (COUNT_LIMIT + 1) + ") e")
                    .bindMap(sql.binds)
                    .mapTo(Long.class)
                    .one();
            List<LogEntry> items = handle.createQuery(
                            sql.text + " ORDER BY at DESC, seq DESC LIMIT :limit OFFSET :offset")
                    .bindMap(sql.binds)
                    .bind("limit", size)
                    .bind("offset", (page - 1L) * size)
                    .map((row, context) -> entry(row))
                    .list();
            return new Page<>(items, page, size, total);
        });
    }

    /**
     * A text search through the word index: the runs whose log holds the word, newest first, are read a few
     * at a time, only until the page and the bounded count are complete, so a common word costs no more than a
     * rare one. Lines are ordered by their run's recency, then by time; errors, few, are searched whole.
     */
    private Page<LogEntry> findByWord(LogQuery query, Sql sql, int page, int size) {
        long wanted = Math.max((long) page * size, COUNT_LIMIT + 1);
        return jdbi.withHandle(handle -> {
            List<String> runs = candidateRuns(handle, query, sql);
            List<LogEntry> found = new ArrayList<>();
            int next = 0;
            while (next < runs.size() && found.size() < wanted) {
                List<String> chunk = runs.subList(next, Math.min(runs.size(), next + RUNS_PER_READ));
                next += chunk.size();
                found.addAll(handle.createQuery(
                                sql.lines + " AND l.run_id IN (<chunk>)" + " ORDER BY l.logged_at DESC, l.id DESC")
                        .bindMap(sql.binds)
                        .bindList("chunk", chunk)
                        .map((row, context) -> entry(row))
                        .list());
            }
            boolean allLinesRead = next >= runs.size();
            List<LogEntry> errors = handle.createQuery(sql.errors + " ORDER BY a.finished_at DESC LIMIT :limit")
                    .bindMap(sql.binds)
                    .bind("limit", wanted)
                    .map((row, context) -> entry(row))
                    .list();
            List<LogEntry> merged = new ArrayList<>(found);
            merged.addAll(errors);
            merged.sort(NEWEST_FIRST);
            long total = allLinesRead && errors.size() < wanted ? merged.size() : COUNT_LIMIT + 1;
            int from = (int) Math.min(merged.size(), (long) (page - 1) * size);
            return new Page<>(
                    List.copyOf(merged.subList(from, Math.min(merged.size(), from + size))),
                    page,
                    size,
                    Math.min(total, COUNT_LIMIT + 1));
        });
    }

    /**
     * Every matching entry, a few runs at a time, newest run first and by time within them: never the whole
     * result in memory, and no sort of a million rows before the first one is written.
     */
    @Override
    public void streamLogEntries(LogQuery query, Consumer<LogEntry> sink) {
        Sql sql = entries(query);
        jdbi.useHandle(handle -> {
            List<String> runs = candidateRuns(handle, query, sql);
            for (int next = 0; next < runs.size(); next += RUNS_PER_READ) {
                List<String> chunk = runs.subList(next, Math.min(runs.size(), next + RUNS_PER_READ));
                List<LogEntry> entries = new ArrayList<>(handle.createQuery(sql.lines + " AND l.run_id IN (<chunk>)")
                        .bindMap(sql.binds)
                        .bindList("chunk", chunk)
                        .setFetchSize(FETCH_SIZE)
                        .map((row, context) -> entry(row))
                        .list());
                entries.addAll(handle.createQuery(sql.errors + " AND a.run_id IN (<chunk>)")
                        .bindMap(sql.binds)
                        .bindList("chunk", chunk)
                        .map((row, context) -> entry(row))
                        .list());
                entries.sort(NEWEST_FIRST);
                entries.forEach(sink);
            }
        });
    }

    /** The runs whose word index has the word (by prefix), and the runs with too many words to index them all. */
    private static final String RUNS_WITH_TERM = "SELECT t.run_id FROM run_terms t WHERE t.term >= :termFrom"
            + " AND t.term < :termTo UNION SELECT t.run_id FROM run_terms t WHERE t.term = '"
            + LogTerms.EVERY_WORD + "'";

    /** The runs that may hold matching entries, newest first: by the run filters, and the word index if a word. */
    private static List<String> candidateRuns(org.jdbi.v3.core.Handle handle, LogQuery query, Sql sql) {
        StringBuilder runs = new StringBuilder("SELECT r.run_id FROM runs r WHERE 1 = 1");
        if (query.text().flatMap(LogTerms::rarest).isPresent()) {
            runs.append(" AND r.run_id IN (" + RUNS_WITH_TERM + ")");
        }
        query.pipelineId().ifPresent(id -> runs.append(" AND r.pipeline_id = :pipelineId"));
        query.status().ifPresent(status -> runs.append(" AND r.status = :status"));
        return handle.createQuery(runs + " ORDER BY r.created_at DESC, r.run_id DESC")
                .bindMap(sql.binds)
                .mapTo(String.class)
                .list();
    }

    @Override
    public void streamRuns(RunQuery query, Consumer<RunRecord> sink) {
        Map<String, Object> binds = new HashMap<>();
        String where = RunFilter.where(query, binds);
        // in a transaction: PostgreSQL streams with a cursor only inside one, otherwise it reads everything first
        jdbi.useTransaction(
                handle -> handle.createQuery("SELECT * FROM runs" + where + " ORDER BY created_at DESC, run_id DESC")
                        .bindMap(binds)
                        .setFetchSize(FETCH_SIZE)
                        .map(row -> mappers.run(row))
                        .useStream(rows -> rows.forEach(sink)));
    }

    @Override
    public RunStatistics statistics(Instant from, Instant to, Optional<String> pipelineId, int recentRuns) {
        return jdbi.withHandle(handle -> new RunStatisticsQuery(from, to, pipelineId, h2).read(handle, recentRuns));
    }

    /** Log lines and attempt errors as one table: kind, at, seq (to order lines of one instant), the rest. */
    private static Sql entries(LogQuery query) {
        Map<String, Object> binds = new HashMap<>();
        StringBuilder lines = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        query.pipelineId().ifPresent(id -> {
            binds.put("pipelineId", id);
            lines.append(" AND r.pipeline_id = :pipelineId");
            errors.append(" AND r.pipeline_id = :pipelineId");
        });
        query.status().ifPresent(status -> {
            binds.put("status", status);
            lines.append(" AND r.status = :status");
            errors.append(" AND r.status = :status");
        });
        query.from().ifPresent(from -> {
            binds.put("from", from);
            lines.append(" AND l.logged_at >= :from");
            errors.append(" AND a.finished_at >= :from");
        });
        query.to().ifPresent(to -> {
            binds.put("to", to);
            lines.append(" AND l.logged_at < :to");
            errors.append(" AND a.finished_at < :to");
        });
        query.text().ifPresent(text -> {
            binds.put("text", RunFilter.containing(text));
            // lines: only those of the runs whose log holds the query's rarest-looking word (the word index,
            // by prefix), then checked whole; a query of numbers or punctuation alone reads every line
            LogTerms.rarest(text).ifPresent(term -> {
                binds.put("termFrom", term);
                binds.put("termTo", term + Character.MAX_VALUE);
                lines.append(" AND l.run_id IN (" + RUNS_WITH_TERM + ")");
            });
            lines.append(" AND LOWER(l.message) LIKE :text");
            errors.append(" AND (LOWER(a.error_message) LIKE :text OR LOWER(a.error_type) LIKE :text"
                    + " OR LOWER(a.stack_trace) LIKE :text)");
        });
        query.level().ifPresent(level -> {
            binds.put("level", level.toUpperCase(Locale.ROOT));
            lines.append(" AND l.level = :level");
            errors.append(" AND 'ERROR' = :level");
        });
        String linesText = "SELECT 'log' AS kind, l.logged_at AS at, l.id AS seq, l.run_id, r.pipeline_id, l.task_id,"
                + " l.attempt, l.level, l.message, CAST(NULL AS VARCHAR(1000000)) AS stack_trace"
                + " FROM task_logs l JOIN runs r ON r.run_id = l.run_id WHERE 1 = 1" + lines;
        String errorsText = "SELECT 'error' AS kind, a.finished_at AS at, CAST(0 AS BIGINT) AS seq, a.run_id,"
                + " r.pipeline_id, a.task_id, a.number AS attempt, 'ERROR' AS level,"
                + " COALESCE(a.error_type, '') || ': ' || COALESCE(a.error_message, '') AS message, a.stack_trace"
                + " FROM attempts a JOIN runs r ON r.run_id = a.run_id"
                + " WHERE a.error_type IS NOT NULL AND a.finished_at IS NOT NULL" + errors;
        return new Sql(
                "SELECT * FROM (" + linesText + " UNION ALL " + errorsText + ") entries", binds, linesText, errorsText);
    }

    private static LogEntry entry(ResultSet row) throws SQLException {
        return new LogEntry(
                row.getString("kind"),
                Times.readRequired(row, "at"),
                row.getString("run_id"),
                row.getString("pipeline_id"),
                row.getString("task_id"),
                row.getInt("attempt"),
                row.getString("level"),
                row.getString("message"),
                Optional.ofNullable(row.getString("stack_trace")));
    }

    /** The whole search, and its two halves: log lines and attempt errors. */
    private record Sql(String text, Map<String, Object> binds, String lines, String errors) {}
}
