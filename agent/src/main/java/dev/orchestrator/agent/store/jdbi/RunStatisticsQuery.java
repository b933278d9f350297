package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunStatistics;
import dev.orchestrator.model.RunState;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's figures for {@link JdbiHistorySearch}, summed up by the database (GROUP BY and window functions
 * that H2 and PostgreSQL both run): only a few hundred rows come back to the agent, however many runs the range
 * holds. Hours are counted in UTC from the epoch, as the figures are. Stateless; thread-safe.
 */
final class RunStatisticsQuery {

    /** Ended with a start and an end: what durations are made of. */
    private static final String FINISHED = "status NOT IN " + JdbiRunStore.UNFINISHED_RUN
            + " AND started_at IS NOT NULL AND finished_at IS NOT NULL";
    /** A finished run's duration in whole milliseconds (cut, as {@link java.time.Duration#toMillis()} does). */
    private static final String DURATION_MILLIS =
            "FLOOR((EXTRACT(EPOCH FROM finished_at) - EXTRACT(EPOCH FROM started_at)) * 1000)";

    private final Instant from;
    private final Instant to;
    private final Optional<String> pipelineId;
    private final String range;

    RunStatisticsQuery(Instant from, Instant to, Optional<String> pipelineId) {
        this.from = from;
        this.to = to;
        this.pipelineId = pipelineId;
        this.range = " WHERE created_at >= :from AND created_at < :to"
                + pipelineId.map(id -> " AND pipeline_id = :pipelineId").orElse("");
    }

    RunStatistics read(Handle handle, int recentRuns) {
        Map<RunState, Long> byStatus = new EnumMap<>(RunState.class);
        Map<Instant, long[]> perHour = new LinkedHashMap<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            perHour.put(hour, new long[2]);
        }
        long[] durations = new long[2]; // sum, count
        bind(handle.createQuery("SELECT FLOOR(EXTRACT(EPOCH FROM created_at) / 3600) AS hour_number, status, COUNT(*) AS runs,"
                + " SUM(CASE WHEN " + FINISHED + " THEN " + DURATION_MILLIS + " END) AS duration_sum,"
                + " SUM(CASE WHEN " + FINISHED + " THEN 1 ELSE 0 END) AS finished"
                + " FROM runs" + range + " GROUP BY FLOOR(EXTRACT(EPOCH FROM created_at) / 3600), status"))
                .map((row, context) -> {
                    RunState status = state(row);
                    long runs = row.getLong("runs");
                    byStatus.merge(status, runs, Long::sum);
                    long[] hour = perHour.get(Instant.ofEpochSecond(row.getLong("hour_number") * 3600));
                    if (hour != null) {
                        hour[0] += runs;
                        hour[1] += status == RunState.FAILED || status == RunState.CRASHED ? runs : 0;
                    }
                    durations[0] += row.getLong("duration_sum");
                    durations[1] += row.getLong("finished");
                    return status;
                }).list();
        List<RunStatistics.HourCount> hours = new ArrayList<>();
        perHour.forEach((hour, counts) -> hours.add(new RunStatistics.HourCount(hour, counts[0], counts[1])));
        return new RunStatistics(from, to, byStatus,
                durations[1] == 0 ? Optional.empty() : Optional.of(durations[0] / durations[1]), hours,
                recent(handle, recentRuns), failingPipelines(handle));
    }

    /** The last finished runs by creation, oldest first. */
    private List<RunStatistics.FinishedRun> recent(Handle handle, int recentRuns) {
        List<RunStatistics.FinishedRun> newestFirst = bind(handle.createQuery(
                "SELECT run_id, pipeline_id, status, started_at, finished_at, " + DURATION_MILLIS + " AS duration"
                        + " FROM runs" + range + " AND " + FINISHED
                        + " ORDER BY created_at DESC, run_id DESC LIMIT :recent"))
                .bind("recent", recentRuns).map((row, context) -> finishedRun(row)).list();
        List<RunStatistics.FinishedRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }

    /**
     * Each pipeline's latest finished run (by its end; of two ending at once, the one created later) when it
     * did not succeed; pipelines in the order of their first finished run of the range.
     */
    private List<RunStatistics.FinishedRun> failingPipelines(Handle handle) {
        return bind(handle.createQuery("SELECT * FROM (SELECT run_id, pipeline_id, status, started_at, finished_at, "
                + DURATION_MILLIS + " AS duration,"
                + " ROW_NUMBER() OVER (PARTITION BY pipeline_id ORDER BY finished_at DESC, created_at DESC,"
                + " run_id DESC) AS latest,"
                + " MIN(created_at) OVER (PARTITION BY pipeline_id) AS first_created"
                + " FROM runs" + range + " AND " + FINISHED + ") finished_runs"
                + " WHERE latest = 1 AND status <> 'success' ORDER BY first_created, pipeline_id"))
                .map((row, context) -> finishedRun(row)).list();
    }

    private org.jdbi.v3.core.statement.Query bind(org.jdbi.v3.core.statement.Query query) {
        query.bind("from", Times.utc(from)).bind("to", Times.utc(to));
        pipelineId.ifPresent(id -> query.bind("pipelineId", id));
        return query;
    }

    private static RunStatistics.FinishedRun finishedRun(ResultSet row) throws SQLException {
        return new RunStatistics.FinishedRun(row.getString("run_id"), row.getString("pipeline_id"), state(row),
                Times.readRequired(row, "started_at"), Times.readRequired(row, "finished_at"), row.getLong("duration"));
    }

    private static RunState state(ResultSet row) throws SQLException {
        return RunState.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
    }
}
