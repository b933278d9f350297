package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.LogTerms;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes task log lines, their count per task ({@code task_runs.log_lines}), and their words into the per-run
 * word index ({@code run_terms}) in the same transaction, for {@link JdbiRunStore}. Remembers, per running run,
 * the words already indexed: most lines repeat them. Thread-safe.
 */
final class LogWriter {

    /** Rows per insert batch. */
    private static final int BATCH = 1_000;
    /** Distinct words indexed per run; past them the run is marked to be read by every search. */
    static final int MAX_TERMS_PER_RUN = 10_000;

    private final boolean h2;
    /** Per running run, the words already in the word index. */
    private final Map<String, Set<String>> indexedTerms = new ConcurrentHashMap<>();

    LogWriter(boolean h2) {
        this.h2 = h2;
    }

    /** Inserts the lines, counts them on their tasks and indexes their words, within the caller's transaction. */
    void insert(Handle handle, List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        // bounded batches: an attempt's end may bring its whole kept log at once
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<LogLine> chunk = lines.subList(from, Math.min(lines.size(), from + BATCH));
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO task_logs (run_id, task_id, attempt, level, logged_at, message)
                    VALUES (:runId, :taskId, :attempt, :level, :at, :message)""");
            for (LogLine line : chunk) {
                batch.bind("runId", line.runId())
                        .bind("taskId", line.taskId())
                        .bind("attempt", line.attempt())
                        .bind("level", line.level())
                        .bind("at", line.loggedAt())
                        .bind("message", JdbiRunStore.fit(line.message(), JdbiRunStore.LONG_TEXT))
                        .add();
            }
            batch.execute();
            indexTerms(handle, chunk);
        }
        count(handle, lines);
    }

    /** Adds the lines to their tasks' line counts, which a page of the log reports instead of counting lines. */
    private static void count(Handle handle, List<LogLine> lines) {
        Map<List<String>, Long> perTask = new HashMap<>();
        for (LogLine line : lines) {
            perTask.merge(List.of(line.runId(), line.taskId()), 1L, Long::sum);
        }
        PreparedBatch counts = handle.prepareBatch(
                "UPDATE task_runs SET log_lines = log_lines + :lines WHERE run_id = :runId AND task_id = :taskId");
        perTask.forEach((task, count) -> counts.bind("lines", count)
                .bind("runId", task.get(0))
                .bind("taskId", task.get(1))
                .add());
        counts.execute();
    }

    /** The run has ended: no more lines, so its words are not needed in memory. */
    void runEnded(String runId) {
        indexedTerms.remove(runId);
    }

    /**
     * Adds the lines' words to their runs' entries in the word index, in the same transaction: a line is
     * findable as soon as it is stored. Words a run already has are skipped from memory; the insert tolerates
     * the rare word another thread added meanwhile. A run with more than {@link #MAX_TERMS_PER_RUN} words gets
     * {@link LogTerms#EVERY_WORD} instead of more: a log with an id or a hash in every line made an index entry
     * per line, larger than the log itself and written in random order (a 2,000,000-line log made a 3.6 GB
     * database).
     */
    private void indexTerms(Handle handle, List<LogLine> lines) {
        Map<String, Set<String>> fresh = new HashMap<>();
        for (LogLine line : lines) {
            Set<String> known = indexedTerms.computeIfAbsent(line.runId(), id -> ConcurrentHashMap.newKeySet());
            if (known.contains(LogTerms.EVERY_WORD)) {
                continue;
            }
            Set<String> added = fresh.computeIfAbsent(line.runId(), id -> new HashSet<>());
            for (String term : LogTerms.of(line.message())) {
                if (added.contains(LogTerms.EVERY_WORD)) {
                    break;
                }
                if (!known.contains(term) && added.add(term) && known.size() + added.size() > MAX_TERMS_PER_RUN) {
                    added.clear();
                    added.add(LogTerms.EVERY_WORD);
                }
            }
        }
        fresh.values().removeIf(Set::isEmpty);
        if (fresh.isEmpty()) {
            return;
        }
        PreparedBatch terms = handle.prepareBatch(
                h2
                        ? "MERGE INTO run_terms (term, run_id) KEY (term, run_id) VALUES (:term, :runId)"
                        : "INSERT INTO run_terms (term, run_id) VALUES (:term, :runId) ON CONFLICT DO NOTHING");
        fresh.forEach((runId, words) -> words.forEach(
                term -> terms.bind("term", term).bind("runId", runId).add()));
        terms.execute();
        // remembered only once the batch is in: a failed transaction leaves them to be indexed again
        fresh.forEach((runId, words) -> {
            Set<String> known = indexedTerms.get(runId);
            if (known == null) {
                return;
            }
            if (words.contains(LogTerms.EVERY_WORD)) {
                known.clear(); // no longer needed: the run is read by every search
            }
            known.addAll(words);
        });
    }
}
