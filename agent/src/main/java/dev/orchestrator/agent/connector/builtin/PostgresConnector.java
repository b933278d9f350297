package dev.orchestrator.agent.connector.builtin;

import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.connector.TaskContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes a SQL database over JDBC ({@code postgres}, alias {@code jdbc}). {@code connector_config.dsn}
 * is a {@code postgresql://user:password@host:port/db} URL or a JDBC URL; other drivers can be dropped into the
 * plugins directory. Queries take named parameters ({@code :day}), always bound; table and column names are
 * checked and quoted; a push is one transaction, in batches.
 */
@Connector(value = "postgres", aliases = "jdbc")
public final class PostgresConnector implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int BATCH = 1_000;

    private final Connection connection;

    public PostgresConnector(Map<String, Object> config) throws SQLException {
        Object dsn = config.get("dsn");
        if (dsn == null || dsn.toString().isBlank()) {
            throw new IllegalArgumentException(
                    "postgres needs connector_config.dsn, such as " + "postgresql://user:password@host:5432/database");
        }
        Properties properties = new Properties();
        String url = jdbcUrl(dsn.toString(), properties);
        this.connection = DriverManager.getConnection(url, properties);
    }

    /** {@code postgresql://u:p@h:5432/db} as a JDBC URL, its credentials as properties (not in the URL). */
    static String jdbcUrl(String dsn, Properties properties) {
        if (dsn.startsWith("jdbc:")) {
            return dsn;
        }
        URI uri = URI.create(dsn.replaceFirst("^postgres(ql)?://", "postgresql://"));
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            properties.setProperty("user", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length > 1) {
                properties.setProperty("password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Rows as maps from column name to value. */
    public List<Map<String, Object>> fetch(String query, Map<String, Object> params, TaskContext context)
            throws SQLException {
        if (query == null || query.isBlank()) {
            throw new NonRetryableException("postgres.fetch needs a 'query'");
        }
        NamedParameters.Parsed parsed = NamedParameters.parse(query, params);
        try (PreparedStatement statement = connection.prepareStatement(parsed.sql())) {
            for (int i = 0; i < parsed.values().size(); i++) {
                statement.setObject(i + 1, parsed.values().get(i));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            row.put(columns.getColumnLabel(c), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
            }
            if (context != null) {
                context.log().info("fetched " + rows.size() + " rows");
            }
            return rows;
        }
    }

    /**
     * Writes rows in one transaction.
     *
     * @param mode       {@code insert} (default), {@code upsert} (on {@code upsert_key}), {@code replace} (delete
     *                   all rows first) or {@code truncate_insert}
     * @param upsert_key a column name, or a list of them
     */
    public Map<String, Object> push(
            List<Map<String, Object>> data, String table, String mode, Object upsert_key, TaskContext context)
            throws SQLException {
        String target = qualified(table);
        String chosen = mode == null ? "insert" : mode;
        List<Map<String, Object>> rows = data == null ? List.of() : data;
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        columns.forEach(PostgresConnector::quoted);
        List<String> keys = keys(upsert_key);
        if (chosen.equals("upsert") && keys.isEmpty()) {
            throw new NonRetryableException("postgres.push in mode upsert needs 'upsert_key'");
        }
        String sql = insertSql(target, columns, chosen, keys);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                switch (chosen) {
                    case "insert", "upsert" -> {
                        // nothing to clear
                    }
                    case "replace" -> statement.executeUpdate("DELETE FROM " + target);
                    case "truncate_insert" -> statement.executeUpdate("TRUNCATE TABLE " + target);
                    default ->
                        throw new NonRetryableException("postgres.push: mode '" + chosen
                                + "' is not insert, upsert, replace or truncate_insert");
                }
            }
            if (!rows.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int pending = 0;
                    for (Map<String, Object> row : rows) {
                        int index = 1;
                        for (String column : columns) {
                            statement.setObject(index++, row.get(column));
                        }
                        statement.addBatch();
                        if (++pending == BATCH) {
                            statement.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        statement.executeBatch();
                    }
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        if (context != null) {
            context.log().info(chosen + ": " + rows.size() + " rows into " + table);
        }
        return Map.of("table", table, "rows", rows.size(), "mode", chosen);
    }

    private static String insertSql(String table, Collection<String> columns, String mode, List<String> keys) {
        String names = columns.stream().map(PostgresConnector::quoted).collect(Collectors.joining(", "));
        String marks = columns.stream().map(column -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
        if (mode.equals("upsert")) {
            String conflict = keys.stream().map(PostgresConnector::quoted).collect(Collectors.joining(", "));
            List<String> updates = columns.stream()
                    .filter(column -> !keys.contains(column))
                    .map(column -> quoted(column) + " = EXCLUDED." + quoted(column))
                    .toList();
            sql += " ON CONFLICT (" + conflict + ") DO "
                    + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates));
        }
        return sql;
    }

    private static List<String> keys(Object upsertKey) {
        if (upsertKey == null) {
            return List.of();
        }
        List<String> keys = upsertKey instanceof Collection<?> many
                ? many.stream().map(String::valueOf).toList()
                : List.of(upsertKey.toString());
        keys.forEach(PostgresConnector::quoted);
        return keys;
    }

    /** {@code schema.table} checked and quoted: a name can never carry SQL. */
    private static String qualified(String table) {
        if (table == null || table.isBlank()) {
            throw new NonRetryableException("postgres.push needs a 'table'");
        }
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new NonRetryableException("table '" + table + "' is not a name or schema.name");
        }
        List<String> quotedParts = new ArrayList<>();
        for (String part : parts) {
            quotedParts.add(quoted(part));
        }
        return String.join(".", quotedParts);
    }

    private static String quoted(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new NonRetryableException("'" + identifier + "' is not a valid table or column name: use letters, "
                    + "digits and _, starting with a letter or _");
        }
        return "\"" + identifier + "\"";
    }

    public boolean ping() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
