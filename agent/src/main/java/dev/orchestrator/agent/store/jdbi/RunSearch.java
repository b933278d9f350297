package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The run list's text search answered from its index (the V15 migration says what it holds and why), and the
 * index kept, for {@link JdbiRunStore} and {@link RunRecovery}, in the transactions that insert runs, set their
 * reasons and purge them. What a text matches is what {@link RunFilter} says, row by row; this finds the same runs
 * through the index. Thread-safe.
 */
final class RunSearch {

    /** Ids, pipeline ids or hashes bound to one statement. */
    private static final int CHUNK = 500;

    private final boolean h2;

    RunSearch(boolean h2) {
        this.h2 = h2;
    }

    /** What the index keeps of a run id: the part after its last underscore (its random hex), lower case. */
    static String idSuffix(String runId) {
        return runId.substring(runId.lastIndexOf('_') + 1).toLowerCase(Locale.ROOT);
    }

    /** The key of a reason in {@code run_reasons}: SHA-256 of its UTF-8, in lower-case hex, as the migration's. */
    static String hash(String reason) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(reason.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Indexes runs being inserted, in their transaction (their id suffixes and reasons' hashes go in their rows). */
    void inserted(Handle handle, Collection<RunRecord> runs) {
        Set<String> pipelines = new TreeSet<>();
        Map<String, Instant> reasons = new TreeMap<>(); // each reason's newest run
        for (RunRecord run : runs) {
            pipelines.add(run.pipelineId());
            run.reason()
                    .ifPresent(reason ->
                            reasons.merge(reason, run.createdAt(), (one, other) -> one.isAfter(other) ? one : other));
        }
        // in key order, so two transactions never wait for each other's new rows crosswise
        pipelines.forEach(pipelineId ->
                insertIfAbsent(handle, "run_pipelines", "pipeline_id", Map.of("pipeline_id", pipelineId)));
        reasons.forEach((reason, created) -> reason(handle, reason, created));
    }

    /**
     * Puts a reason in the dictionary if it is not there yet, or raises its newest run's creation to that of a run
     * given it, in the transaction that sets it; its hash. Read first: a reason given to runs older than its newest
     * (a run ended after a newer one) writes nothing.
     */
    String reason(Handle handle, String reason, Instant created) {
        String key = hash(reason);
        Optional<Instant> newest = handle.createQuery("SELECT newest_at FROM run_reasons WHERE reason_hash = :key")
                .bind("key", key)
                .mapTo(Instant.class)
                .findOne();
        if (newest.isPresent() && !newest.get().isBefore(created)) {
            return key;
        }
        if (newest.isEmpty()) {
            insertIfAbsent(
                    handle,
                    "run_reasons",
                    "reason_hash",
                    Map.of("reason_hash", key, "reason", reason, "newest_at", created));
        }
        // also when another transaction put it there first, with an older run
        handle.createUpdate("UPDATE run_reasons SET newest_at = :created WHERE reason_hash = :key"
                        + " AND newest_at < :created")
                .bind("key", key)
                .bind("created", created)
                .execute();
        return key;
    }

    /** The newest creation of the runs (the database's, for a reason given to runs already there). */
    static Optional<Instant> newest(Handle handle, Collection<String> runIds) {
        return handle.createQuery("SELECT MAX(created_at) AS newest FROM runs WHERE run_id IN (<runIds>)")
                .bindList("runIds", List.copyOf(runIds))
                .map((row, context) -> Times.read(row, "newest"))
                .one();
    }

    /**
     * A row of a small table, unless it is there: looked for first (a read takes no lock), inserted when not. Of
     * two transactions inserting the same, the second waits for the first: PostgreSQL then does nothing; H2 fails
     * that statement alone (the transaction goes on), and the row is there.
     */
    private void insertIfAbsent(Handle handle, String table, String key, Map<String, Object> row) {
        boolean present = handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + key + " = :" + key)
                        .bindMap(row)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (present) {
            return;
        }
        String columns = String.join(", ", row.keySet());
        String values = ":" + String.join(", :", row.keySet());
        try {
            handle.createUpdate("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")"
                            + (h2 ? "" : " ON CONFLICT (" + key + ") DO NOTHING"))
                    .bindMap(row)
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (!h2 || !DuplicateKey.causedFailure(e)) {
                throw e;
            }
        }
    }

    /**
     * The runs a text matches, as far as they were looked for.
     *
     * @param runIds all the runs the text (and the other filters) match when fewer than the limit, else at least the
     *               limit of them; in no order
     * @param newest when there are that many: an instant no match was created after, when one is known cheaply, to
     *               start reading the page in list order there rather than at the newest run
     */
    record Found(Set<String> runIds, Optional<Instant> newest) {}

    /**
     * The runs the query's text (and its other filters) match, through the index's ways in, each stopping at the
     * limit: a rare text reads a range of an index and the few pipelines and reasons, not the runs. Every way is
     * read, so that when there are many matches, the newest one's creation is bounded: by the matches themselves
     * of a way that found all its own, by the time a date stands for, by a pipeline's newest hour in the
     * dashboard's sums ({@code run_hours}), by the matching reasons' newest runs in their dictionary; not for a
     * text found in the start of many ids.
     */
    Found find(Handle handle, RunQuery query, int limit) {
        String text = query.text().orElseThrow().toLowerCase(Locale.ROOT);
        Map<String, Object> binds = new HashMap<>();
        String filters = RunFilter.whereWithoutText(query, binds);
        Optional<RunFilter.Date> date = RunFilter.Date.of(text);
        Set<String> found = new LinkedHashSet<>();
        Set<String> complete = new LinkedHashSet<>(); // the matches of the ways that found all theirs
        List<Instant> bounds = new ArrayList<>(); // each capped way's bound
        boolean unbounded = false; // a way stopped at the limit and knows no bound of its matches' creation
        // the run id's start: a date is a range of creation times (the recency index), anything else a range of
        // the id (H2's primary key, PostgreSQL's runs_by_id_start)
        List<String> byId;
        if (date.isPresent()) {
            Map<String, Object> dateBinds = new HashMap<>(binds);
            date.get().bind(dateBinds);
            byId = handle.createQuery(
                            "SELECT run_id FROM runs" + filters + " AND " + RunFilter.Date.CLAUSE + " LIMIT :rows")
                    .bindMap(dateBinds)
                    .bind("idStart", RunFilter.escaped(date.get().idStart()) + "%")
                    .bind("rows", limit)
                    .mapTo(String.class)
                    .list();
            if (byId.size() >= limit) {
                bounds.add(date.get().high());
            }
        } else {
            byId = byStart(handle, h2 ? "run_id" : "run_id COLLATE \"C\"", "run_id", text, filters, binds, limit);
            unbounded = byId.size() >= limit;
        }
        List<String> bySuffix = byStart(handle, "id_suffix", "id_suffix", text, filters, binds, limit);
        unbounded |= bySuffix.size() >= limit;
        List<String> pipelines = handle.createQuery(
                        "SELECT pipeline_id FROM run_pipelines WHERE " + "LOWER(pipeline_id) LIKE :text")
                .bind("text", RunFilter.containing(text))
                .mapTo(String.class)
                .list();
        List<String> byPipeline = byValues(handle, "pipeline_id", pipelines, filters, binds, limit);
        if (byPipeline.size() >= limit) {
            // the end of the hour of the pipelines' newest run, from the dashboard's sums
            Long hour = pipelines.size() > CHUNK
                    ? null
                    : handle.createQuery("SELECT MAX(hour_number) FROM run_hours WHERE pipeline_id IN (<pipelines>)")
                            .bindList("pipelines", pipelines)
                            .mapTo(Long.class)
                            .findOne()
                            .orElse(null);
            if (hour == null) {
                unbounded = true;
            } else {
                bounds.add(Instant.ofEpochSecond((hour + 1) * 3600));
            }
        }
        Map<String, Instant> reasonsNewest = new HashMap<>();
        handle.createQuery("SELECT reason_hash, newest_at FROM run_reasons WHERE LOWER(reason) LIKE :text")
                .bind("text", RunFilter.containing(text))
                .map((row, context) -> Map.entry(row.getString("reason_hash"), Times.readRequired(row, "newest_at")))
                .forEach(reason -> reasonsNewest.put(reason.getKey(), reason.getValue()));
        List<String> reasons = List.copyOf(reasonsNewest.keySet());
        List<String> byReason = byValues(handle, "reason_hash", reasons, filters, binds, limit);
        if (byReason.size() >= limit) {
            // the newest run of the matching reasons, from their dictionary
            reasonsNewest.values().stream().max(Instant::compareTo).ifPresent(bounds::add);
        }
        for (List<String> way : List.of(byId, bySuffix, byPipeline, byReason)) {
            found.addAll(way);
            if (way.size() < limit) {
                complete.addAll(way);
            }
        }
        if (found.size() < limit || unbounded) {
            return new Found(found, Optional.empty());
        }
        if (!complete.isEmpty()) {
            newest(handle, complete).ifPresent(bounds::add);
        }
        return new Found(found, bounds.stream().max(Instant::compareTo));
    }

    /**
     * Runs whose column starts with the text: a range of its index (a LIKE with a bound pattern is not one for H2),
     * the LIKE kept for an exact match whatever the range.
     */
    private static List<String> byStart(
            Handle handle,
            String ordered,
            String column,
            String text,
            String filters,
            Map<String, Object> binds,
            int limit) {
        char last = text.isEmpty() ? Character.MAX_VALUE : text.charAt(text.length() - 1);
        boolean bounded = last != Character.MAX_VALUE; // an empty text (the API takes none) is the start of all
        var statement = handle.createQuery("SELECT run_id FROM runs" + filters + " AND " + ordered + " >= :low"
                        + (bounded ? " AND " + ordered + " < :high" : "") + " AND " + column + " LIKE :prefix"
                        + " LIMIT :rows")
                .bindMap(binds)
                .bind("low", text)
                .bind("prefix", RunFilter.escaped(text) + "%")
                .bind("rows", limit);
        if (bounded) {
            statement.bind("high", text.substring(0, text.length() - 1) + (char) (last + 1));
        }
        return statement.mapTo(String.class).list();
    }

    /**
     * Runs with one of the values in the column, on its index, a chunk of values a statement, up to the limit in
     * all: when it stops there, there are at least as many; when it stops short, it found all of them.
     */
    private static List<String> byValues(
            Handle handle, String column, List<String> values, String filters, Map<String, Object> binds, int limit) {
        List<String> found = new ArrayList<>();
        for (int from = 0; from < values.size() && found.size() < limit; from += CHUNK) {
            found.addAll(handle.createQuery(
                            "SELECT run_id FROM runs" + filters + " AND " + column + " IN (<values>) LIMIT :rows")
                    .bindMap(binds)
                    .bindList("values", values.subList(from, Math.min(values.size(), from + CHUNK)))
                    .bind("rows", limit - found.size())
                    .mapTo(String.class)
                    .list());
        }
        return found;
    }
}
