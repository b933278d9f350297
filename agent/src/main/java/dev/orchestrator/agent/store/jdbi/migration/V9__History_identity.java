package dev.orchestrator.agent.store.jdbi.migration;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A random id for the history this database holds, made once, when the schema is. Agents of one cluster share
 * a database and so report the same id; a console connected to several of them shows each run once instead of
 * once per agent. Neither a host name nor a JDBC URL would do: two agents may reach one database under different
 * names, and two unrelated agents on one laptop have the same host name. Java rather than SQL because H2 and
 * PostgreSQL name their UUID functions differently.
 */
public final class V9__History_identity extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE TABLE history_identity (history_id VARCHAR(36) NOT NULL PRIMARY KEY)");
        }
        try (PreparedStatement insert =
                context.getConnection().prepareStatement("INSERT INTO history_identity (history_id) VALUES (?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }
}
