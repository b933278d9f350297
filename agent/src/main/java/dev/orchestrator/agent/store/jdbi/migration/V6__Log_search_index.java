package dev.orchestrator.agent.store.jdbi.migration;

import dev.orchestrator.agent.store.LogTerms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The word index of the task logs, per run ({@code run_terms}: which words occur in a run's log), so a text
 * search reads the lines of the runs that hold its words instead of every line. Per run rather than per line:
 * a run's thousand lines share most of their words, so the index stays a small fraction of the logs (one row
 * per line and word made it larger than the logs themselves). Also indexes the lines already stored.
 */
public final class V6__Log_search_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE run_terms (
                        term    VARCHAR(64) NOT NULL,
                        run_id  VARCHAR(64) NOT NULL,
                        PRIMARY KEY (term, run_id),
                        CONSTRAINT run_terms_run FOREIGN KEY (run_id) REFERENCES runs (run_id) ON DELETE CASCADE
                    )""");
            statement.execute("CREATE INDEX run_terms_by_run ON run_terms (run_id)");
        }
        try (Statement lines = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO run_terms (term, run_id) VALUES (?, ?)")) {
            lines.setFetchSize(1_000);
            String currentRun = null;
            Set<String> terms = new HashSet<>();
            try (ResultSet rows = lines.executeQuery("SELECT run_id, message FROM task_logs ORDER BY run_id")) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(currentRun)) {
                        add(insert, currentRun, terms);
                        currentRun = rows.getString(1);
                        terms.clear();
                    }
                    terms.addAll(LogTerms.of(rows.getString(2)));
                }
            }
            add(insert, currentRun, terms);
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, String runId, Set<String> terms) throws SQLException {
        if (runId == null) {
            return;
        }
        for (String term : terms) {
            insert.setString(1, term);
            insert.setString(2, runId);
            insert.addBatch();
        }
        insert.executeBatch();
    }
}
