package dev.orchestrator.agent.store.jdbi.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's own tables, from the DDL that ships inside the Quartz jar for this database, so the scheduler's
 * schema always matches the Quartz version on the classpath and is applied like every other migration.
 */
public final class V3__Quartz_tables extends BaseJavaMigration {

    private static final String DDL = "org/quartz/impl/jdbcjobstore/tables_%s.sql";

    @Override
    public void migrate(Context context) throws SQLException, IOException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String vendor = product.contains("postgres") ? "postgres" : product.contains("h2") ? "h2" : null;
        if (vendor == null) {
            throw new SQLException("no Quartz schema for database '" + product + "'; use H2 or PostgreSQL");
        }
        String resource = DDL.formatted(vendor);
        try (InputStream in = V3__Quartz_tables.class.getClassLoader().getResourceAsStream(resource);
                Statement statement = connection.createStatement()) {
            if (in == null) {
                throw new SQLException("the Quartz jar has no " + resource);
            }
            for (String sql : statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                statement.execute(sql);
            }
        }
    }

    /** The script's statements, without comments and without its own COMMIT (Flyway owns the transaction). */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String sql = statement.strip();
            if (!sql.isEmpty() && !sql.equalsIgnoreCase("commit")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
