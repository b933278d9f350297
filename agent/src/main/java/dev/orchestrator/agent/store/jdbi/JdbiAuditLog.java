package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.AuditLog;
import dev.orchestrator.agent.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** {@link AuditLog} on Jdbi, in the {@code audit_log} table. Thread-safe. */
public final class JdbiAuditLog implements AuditLog {

    private static final int FETCH_SIZE = 500;

    private final Jdbi jdbi;

    public JdbiAuditLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void record(AuditEntry entry) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                INSERT INTO audit_log (recorded_at, who, method, route, action, target, status, agent_id)
                VALUES (:at, :who, :method, :route, :action, :target, :status, :agentId)""")
                .bind("at", entry.at())
                .bind("who", cut(entry.who(), 64))
                .bind("method", cut(entry.method(), 8))
                .bind("route", cut(entry.route(), 300))
                .bind("action", cut(entry.action(), 100))
                .bind("target", cut(entry.target(), 500))
                .bind("status", entry.status())
                .bind("agentId", cut(entry.agentId(), 128))
                .execute());
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query, int page, int size) {
        String where = where(query);
        return jdbi.withHandle(handle -> {
            long total = bind(handle.createQuery("SELECT COUNT(*) FROM audit_log" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<AuditEntry> items = bind(
                            handle.createQuery("SELECT * FROM audit_log" + where
                                    + " ORDER BY recorded_at DESC, id DESC LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", size)
                    .bind("offset", (long) (page - 1) * size)
                    .map((row, context) -> read(row))
                    .list();
            return new Page<>(items, page, size, total);
        });
    }

    @Override
    public void stream(AuditQuery query, Consumer<AuditEntry> entry) {
        jdbi.useHandle(handle -> {
            // PostgreSQL streams with a fetch size only inside a transaction; H2 reads lazily either way
            handle.begin();
            try (var rows = bind(
                    handle.createQuery(
                            "SELECT * FROM audit_log" + where(query) + " ORDER BY recorded_at DESC, id DESC"),
                    query)
                    .setFetchSize(FETCH_SIZE)
                    .map((row, context) -> read(row))
                    .stream()) {
                rows.forEach(entry);
            } finally {
                handle.rollback();
            }
        });
    }

    private static String where(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.who().ifPresent(who -> where.append(" AND who = :who"));
        query.action().ifPresent(action -> where.append(" AND action = :action"));
        query.target().ifPresent(target -> where.append(" AND (target = :target OR target LIKE :targetPrefix)"));
        query.from().ifPresent(from -> where.append(" AND recorded_at >= :from"));
        query.to().ifPresent(to -> where.append(" AND recorded_at < :to"));
        return where.toString();
    }

    private static Query bind(Query statement, AuditQuery query) {
        query.who().ifPresent(who -> statement.bind("who", who));
        query.action().ifPresent(action -> statement.bind("action", action));
        query.target()
                .ifPresent(target -> statement
                        .bind("target", target)
                        .bind(
                                "targetPrefix",
                                target.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"));
        query.from().ifPresent(from -> statement.bind("from", from));
        query.to().ifPresent(to -> statement.bind("to", to));
        return statement;
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getLong("id"),
                Times.readRequired(row, "recorded_at"),
                row.getString("who"),
                row.getString("method"),
                row.getString("route"),
                row.getString("action"),
                row.getString("target"),
                row.getInt("status"),
                row.getString("agent_id"));
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM audit_log WHERE recorded_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
    }
}
