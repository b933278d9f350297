package dev.orchestrator.agent.store.jdbi.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What agents sharing one database need (SPEC 11): a heartbeat row per agent, and a claim per scheduled fire so
 * that a fire becomes one run however many agents are handed it. On PostgreSQL also trigram indexes for the
 * search of errors and stack traces. Java rather than SQL because that last part is PostgreSQL's only.
 */
public final class V8__Cluster extends BaseJavaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(V8__Cluster.class);

    /** For H2 and PostgreSQL alike. */
    static final List<String> TABLES = List.of(
            """
            CREATE TABLE agent_heartbeats (
                agent_id        VARCHAR(128)  NOT NULL PRIMARY KEY,
                host            VARCHAR(255)  NOT NULL,
                pid             BIGINT        NOT NULL,
                api_url         VARCHAR(1024),
                version         VARCHAR(64)   NOT NULL,
                started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
                -- the database's clock, not the agent's: agents on several machines compare it
                last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
            )""",
            """
            CREATE TABLE schedule_fires (
                pipeline_id     VARCHAR(128)  NOT NULL,
                -- the fire time to the second, as the run's logical time
                fire_time       TIMESTAMP WITH TIME ZONE NOT NULL,
                agent_id        VARCHAR(128)  NOT NULL,
                claimed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
                -- handed_over: the agent holds it until its time; settled: a run was created, or the fire recorded
                state           VARCHAR(16)   NOT NULL,
                PRIMARY KEY (pipeline_id, fire_time)
            )""",
            "CREATE INDEX schedule_fires_by_agent ON schedule_fires (agent_id, state)",
            "CREATE INDEX schedule_fires_by_claim ON schedule_fires (claimed_at)");

    /**
     * The log search reads log lines through the word index (V6) on both databases, and checks the errors of failed
     * attempts in full (LIKE on LOWER: a piece of a word, any case, as on H2). On PostgreSQL trigram indexes
     * answer exactly that query, so errors and stack traces are found without reading them all; a full-text
     * index (tsvector) would not find "timeout" inside "SocketTimeoutException".
     */
    static final List<String> TEXT_SEARCH = List.of(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX attempts_error_type_text ON attempts USING gin (LOWER(error_type) gin_trgm_ops)"
                    + " WHERE error_type IS NOT NULL",
            "CREATE INDEX attempts_error_message_text ON attempts USING gin (LOWER(error_message) gin_trgm_ops)"
                    + " WHERE error_type IS NOT NULL",
            "CREATE INDEX attempts_stack_trace_text ON attempts USING gin (LOWER(stack_trace) gin_trgm_ops)"
                    + " WHERE error_type IS NOT NULL");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String sql : TABLES) {
                statement.execute(sql);
            }
        }
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            createTextSearchIndexes(connection);
        }
    }

    private static void createTextSearchIndexes(Connection connection) throws SQLException {
        // pg_trgm ships with PostgreSQL and is a trusted extension from 13 on (a database owner may create it);
        // where it cannot be created, searching still works, only without an index
        Savepoint beforeIndexes = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            for (String sql : TEXT_SEARCH) {
                statement.execute(sql);
            }
            connection.releaseSavepoint(beforeIndexes);
        } catch (SQLException e) {
            connection.rollback(beforeIndexes);
            LOG.warn(
                    "no trigram indexes for the log search ({}): searching works, but reads every error. "
                            + "To add them, have a superuser run CREATE EXTENSION pg_trgm, then the CREATE INDEX "
                            + "statements of {}",
                    e.getMessage(),
                    V8__Cluster.class.getName());
        }
    }
}
