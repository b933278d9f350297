package dev.orchestrator.agent.store.jdbi.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The index of the run list's text search ({@code GET /api/v1/runs?q=}), so that a rare or absent text does not
 * read every run (1.7 s at 1,000,000 runs on H2). No substring index (trigrams) exists in both H2 and PostgreSQL,
 * and one per run would be large; instead, each of the three things {@code q} looks in is made small or indexed:
 * <ul>
 *     <li>{@code run_pipelines}: every pipeline id that has runs. Pipelines are few (hundreds): the text is looked
 *     for in them, then runs are found by {@code pipeline_id} on its index.</li>
 *     <li>{@code run_reasons}: every distinct reason, keyed by the SHA-256 of its text (hex), which each run keeps
 *     in {@code runs.reason_hash} (indexed). Reasons repeat ("failed tasks: load", a crash's agent): the text is
 *     looked for in the distinct ones, then runs are found by their hashes. A hash, not the text, because
 *     PostgreSQL cannot index a text of up to 4,000 characters. With each its {@code newest_at}: no run with it
 *     was created after (raised as runs get it, never lowered), where a reason common but old has its page start
 *     reading the list, rather than at the newest run.</li>
 *     <li>{@code runs.id_suffix}: the part of the run id after its last underscore, lower case (the random hex of
 *     {@code run_20240315_060001_a3f2c1d4e5f6}), indexed, so that its start is a range of the index. On PostgreSQL
 *     it sorts by code point (COLLATE "C"), as H2's strings do, so that a prefix is a range there too; and so does
 *     an index of the run id there (H2's primary key already is one), for the start of the whole id.</li>
 *     <li>nothing for the date and time in a run id: they are its creation time in UTC, so a date in {@code q} is a
 *     range of {@code created_at} on the list's own index ({@code runs_by_recency}).</li>
 * </ul>
 * They are kept by the run store in the transaction that inserts runs or sets a reason; a pipeline or a reason
 * whose runs are all purged stays (small, and harmless: its runs are not found). Java rather than SQL because H2 and PostgreSQL name SHA-256 and collations differently.
 */
public final class V15__Run_search extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean h2 = isH2(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE run_pipelines (pipeline_id VARCHAR(128) NOT NULL PRIMARY KEY)");
            statement.execute("CREATE TABLE run_reasons (reason_hash VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " reason VARCHAR(4000) NOT NULL, newest_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            statement.execute("ALTER TABLE runs ADD COLUMN reason_hash VARCHAR(64)");
            statement.execute("CREATE INDEX runs_by_reason ON runs (reason_hash)");
            statement.execute("ALTER TABLE runs ADD COLUMN id_suffix VARCHAR(64)" + (h2 ? "" : " COLLATE \"C\""));
            statement.execute("CREATE INDEX runs_by_id_suffix ON runs (id_suffix)");
            if (!h2) {
                statement.execute("CREATE INDEX runs_by_id_start ON runs (run_id COLLATE \"C\")");
            }
        }
        fill(connection);
    }

    /**
     * Fills the index from the runs there are (the tables empty, no run with a reason hash): for a database
     * migrated with its runs, and for a benchmark that writes runs behind the store's back.
     */
    public static void fill(Connection connection) throws SQLException {
        String hash = isH2(connection)
                ? "LOWER(RAWTOHEX(HASH('SHA-256', reason)))"
                : "encode(sha256(convert_to(reason, 'UTF8')), 'hex')";
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO run_pipelines (pipeline_id) SELECT DISTINCT pipeline_id FROM runs");
            // the id's suffix: what follows its last underscore (the whole id when there is none), as RunSearch's
            statement.execute("UPDATE runs SET id_suffix = LOWER(REGEXP_REPLACE(run_id, '^.*_', '')),"
                    + " reason_hash = CASE WHEN reason IS NULL THEN NULL ELSE " + hash + " END");
            statement.execute("INSERT INTO run_reasons (reason_hash, reason, newest_at) SELECT reason_hash,"
                    + " MIN(reason), MAX(created_at) FROM runs WHERE reason_hash IS NOT NULL GROUP BY reason_hash");
        }
    }

    private static boolean isH2(Connection connection) throws SQLException {
        return connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT)
                .contains("h2");
    }
}
