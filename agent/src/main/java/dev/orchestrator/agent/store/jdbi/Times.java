package dev.orchestrator.agent.store.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Instants go to the database as UTC {@code TIMESTAMP WITH TIME ZONE}, the type both H2 and PostgreSQL share. */
final class Times {

    private Times() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Optional<Instant> read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    static Instant readRequired(ResultSet row, String column) throws SQLException {
        return read(row, column).orElseThrow(() -> new SQLException("column " + column + " is null"));
    }
}
