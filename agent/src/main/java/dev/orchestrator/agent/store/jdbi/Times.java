package dev.orchestrator.agent.store.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Instants read from a {@code TIMESTAMP WITH TIME ZONE} column by a mapper that has the {@link ResultSet} only; the
 * statements bind instants, and read them by type, through what {@link StoredTypes} registers on Jdbi.
 */
final class Times {

    private Times() {}

    static Optional<Instant> read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    static Instant readRequired(ResultSet row, String column) throws SQLException {
        return read(row, column).orElseThrow(() -> new SQLException("column " + column + " is null"));
    }
}
