package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The filter that the skipped fires and the missed deadlines are listed by: the rows of one pipeline, or of all,
 * whose {@code scheduled_for} is at or after {@code from} and before {@code to}, a page at a time. Immutable.
 */
record ScheduledWindow(Optional<String> pipelineId, Optional<Instant> from, Optional<Instant> to) {

    /** Page {@code page} (from 1) of {@code size} rows of {@code table} in the window, sorted by {@code order}. */
    <T> Page<T> page(Handle handle, String table, String order, int page, int size, RowMapper<T> mapper) {
        String where = where();
        Query count = bind(handle.createQuery("SELECT COUNT(*) FROM " + table + where));
        Query select = bind(handle.createQuery(
                "SELECT * FROM " + table + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset"));
        long total = count.mapTo(Long.class).one();
        List<T> items = select.bind("limit", size)
                .bind("offset", (long) (page - 1) * size)
                .map(mapper)
                .list();
        return new Page<>(items, page, size, total);
    }

    private String where() {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        pipelineId.ifPresent(id -> where.append(" AND pipeline_id = :id"));
        from.ifPresent(time -> where.append(" AND scheduled_for >= :from"));
        to.ifPresent(time -> where.append(" AND scheduled_for < :to"));
        return where.toString();
    }

    private Query bind(Query query) {
        pipelineId.ifPresent(id -> query.bind("id", id));
        from.ifPresent(time -> query.bind("from", time));
        to.ifPresent(time -> query.bind("to", time));
        return query;
    }
}
