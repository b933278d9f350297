package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /** The run id and each of its parts after an underscore (empty ones left out): the index's rows of a run. */
    static List<String> idParts(String runId) {
        List<String> parts = new ArrayList<>();
        parts.add(runId);
        for (int i = runId.indexOf('_'); i >= 0 && i < runId.length() - 1; i = runId.indexOf('_', i + 1)) {
            parts.add(runId.substring(i + 1));
        }
        return parts;
    }

    /** The key of a reason in {@code run_reasons}: SHA-256 of its UTF-8, in lower-case hex, as the migration's. */
    static String hash(String reason) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(reason.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Indexes runs being inserted, in their transaction (their reasons' hashes go in their rows). */
    void inserted(Handle handle, Collection<RunRecord> runs) {
        PreparedBatch parts = handle.prepareBatch(
                "INSERT INTO run_id_parts (part, run_id) VALUES (LOWER(:part), :runId)");
        Set<String> pipelines = new TreeSet<>();
        Set<String> reasons = new TreeSet<>();
        for (RunRecord run : runs) {
            for (String part : idParts(run.runId())) {
                parts.bind("part", part).bind("runId", run.runId()).add();
            }
            pipelines.add(run.pipelineId());
            run.reason().ifPresent(reasons::add);
        }
        parts.execute();
        // in key order, so two transactions never wait for each other's new rows crosswise
        pipelines.forEach(pipelineId -> insertIfAbsent(handle, "run_pipelines", "pipeline_id",
                Map.of("pipeline_id", pipelineId)));
        reasons.forEach(reason -> reason(handle, reason));
    }

    /** Puts a reason in the dictionary if it is not there yet, in the transaction that sets it; its hash. */
    String reason(Handle handle, String reason) {
        String key = hash(reason);
        insertIfAbsent(handle, "run_reasons", "reason_hash", Map.of("reason_hash", key, "reason", reason));
        return key;
    }

    /** Takes purged runs out of the index, in the purge's transaction. */
    void purged(Handle handle, List<String> runIds) {
        PreparedBatch parts = handle.prepareBatch(
                "DELETE FROM run_id_parts WHERE part = LOWER(:part) AND run_id = :runId");
        for (String runId : runIds) {
            for (String part : idParts(runId)) {
                parts.bind("part", part).bind("runId", runId).add();
            }
        }
        parts.execute();
    }

    /**
     * A row of a small table, unless it is there: looked for first (a read takes no lock), inserted when not. Of
     * two transactions inserting the same, the second waits for the first: PostgreSQL then does nothing; H2 fails
     * that statement alone (the transaction goes on), and the row is there.
     */
    private void insertIfAbsent(Handle handle, String table, String key, Map<String, Object> row) {
        boolean present = handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + key + " = :" + key)
                .bindMap(row).mapTo(Integer.class).one() > 0;
        if (present) {
            return;
        }
        String columns = String.join(", ", row.keySet());
        String values = ":" + String.join(", :", row.keySet());
        try {
            handle.createUpdate("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")"
                    + (h2 ? "" : " ON CONFLICT (" + key + ") DO NOTHING")).bindMap(row).execute();
        } catch (UnableToExecuteStatementException e) {
            if (!h2 || !(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * The ids of runs the query's text (and its other filters) match: all of them when fewer than {@code limit},
     * else at least {@code limit}; in no order. Through the index's three ways in, each stopping at the limit: a
     * rare text reads a range of the id parts and the few pipelines and reasons, not the runs.
     */
    Set<String> find(Handle handle, RunQuery query, int limit) {
        String text = query.text().orElseThrow().toLowerCase(Locale.ROOT);
        Map<String, Object> binds = new HashMap<>();
        String filters = RunFilter.whereWithoutText(query, binds);
        Set<String> found = byIdParts(handle, text, filters, binds, limit);
        if (found.size() < limit) {
            List<String> pipelines = handle.createQuery("SELECT pipeline_id FROM run_pipelines WHERE "
                            + "LOWER(pipeline_id) LIKE :text").bind("text", RunFilter.containing(text))
                    .mapTo(String.class).list();
            byValues(handle, "pipeline_id", pipelines, filters, binds, found, limit);
        }
        if (found.size() < limit) {
            List<String> reasons = handle.createQuery("SELECT reason_hash FROM run_reasons WHERE "
                            + "LOWER(reason) LIKE :text").bind("text", RunFilter.containing(text))
                    .mapTo(String.class).list();
            byValues(handle, "reason_hash", reasons, filters, binds, found, limit);
        }
        return found;
    }

    /**
     * Runs whose id or one of its parts starts with the text: a range of {@code run_id_parts}' primary key (a
     * LIKE with a bound pattern is not one for H2), the LIKE kept for an exact match whatever the range. One run
     * may have several parts in the range (its date and its hex both starting with "2"), so more rows than runs
     * are read, and more again in the rare case that they were not enough.
     */
    private static Set<String> byIdParts(Handle handle, String text, String filters, Map<String, Object> binds,
                                         int limit) {
        char last = text.isEmpty() ? Character.MAX_VALUE : text.charAt(text.length() - 1);
        boolean bounded = last != Character.MAX_VALUE; // an empty text (the API takes none) is the start of all
        String sql = "SELECT p.run_id FROM run_id_parts p"
                + (binds.isEmpty() ? " WHERE 1 = 1" : " JOIN runs ON runs.run_id = p.run_id" + filters)
                + " AND p.part >= :low" + (bounded ? " AND p.part < :high" : "") + " AND p.part LIKE :prefix"
                + " LIMIT :rows";
        for (int rows = limit * 4; ; rows *= 16) {
            var statement = handle.createQuery(sql).bindMap(binds).bind("low", text)
                    .bind("prefix", RunFilter.escaped(text) + "%").bind("rows", rows);
            if (bounded) {
                statement.bind("high", text.substring(0, text.length() - 1) + (char) (last + 1));
            }
            List<String> runIds = statement.mapTo(String.class).list();
            Set<String> distinct = new LinkedHashSet<>(runIds);
            if (runIds.size() < rows || distinct.size() >= limit) {
                return distinct;
            }
        }
    }

    /**
     * Runs with one of the values in the column, on its index, a chunk of values a statement. Each statement reads
     * up to the limit: when it stops there, there are at least as many matches as the limit, whatever was found
     * before; when it stops short, it found all its chunk's.
     */
    private static void byValues(Handle handle, String column, List<String> values, String filters,
                                 Map<String, Object> binds, Set<String> found, int limit) {
        for (int from = 0; from < values.size() && found.size() < limit; from += CHUNK) {
            found.addAll(handle.createQuery("SELECT run_id FROM runs" + filters + " AND " + column
                            + " IN (<values>) LIMIT :rows").bindMap(binds)
                    .bindList("values", values.subList(from, Math.min(values.size(), from + CHUNK)))
                    .bind("rows", limit).mapTo(String.class).list());
        }
    }
}
