package dev.orchestrator.agent.store.jdbi.migration;

import dev.orchestrator.agent.store.LogTerms;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The word index of the task logs ({@code log_terms}: one row per word and line), so a text search looks up
 * the lines holding a word instead of reading every line; and the index of the lines already stored.
 */
public final class V6__Log_search_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE log_terms (
                        term    VARCHAR(64) NOT NULL,
                        log_id  BIGINT      NOT NULL,
                        PRIMARY KEY (term, log_id),
                        CONSTRAINT log_terms_line FOREIGN KEY (log_id) REFERENCES task_logs (id) ON DELETE CASCADE
                    )""");
            statement.execute("CREATE INDEX log_terms_by_line ON log_terms (log_id)");
        }
        try (Statement lines = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO log_terms (term, log_id) VALUES (?, ?)")) {
            lines.setFetchSize(1_000);
            int batched = 0;
            try (ResultSet rows = lines.executeQuery("SELECT id, message FROM task_logs")) {
                while (rows.next()) {
                    for (String term : LogTerms.of(rows.getString(2))) {
                        insert.setString(1, term);
                        insert.setLong(2, rows.getLong(1));
                        insert.addBatch();
                        if (++batched % 5_000 == 0) {
                            insert.executeBatch();
                        }
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
