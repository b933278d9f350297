package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunStatistics;
import dev.orchestrator.model.RunState;
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
import org.jdbi.v3.core.Handle;

/**
 * The dashboard's figures for {@link JdbiHistorySearch}, summed up by the database (GROUP BY and window functions
 * that H2 and PostgreSQL both run): only a few hundred rows come back to the agent, however many runs the range
 * holds. Hours are counted in UTC from the epoch, as the figures are. Stateless; thread-safe.
 */
final class RunStatisticsQuery {

    /** Ended with a start and an end: what durations are made of. */
    private static final String FINISHED =
            "status NOT IN " + JdbiRunStore.UNFINISHED_RUN + " AND started_at IS NOT NULL AND finished_at IS NOT NULL";
    /** A finished run's duration in whole milliseconds (cut, as {@link java.time.Duration#toMillis()} does). */
    private static final String DURATION_MILLIS =
            "FLOOR((EXTRACT(EPOCH FROM finished_at) - EXTRACT(EPOCH FROM started_at)) * 1000)";

    private final Instant from;
    private final Instant to;
    private final Optional<String> pipelineId;
    private final String range;
    private final boolean h2;

    RunStatisticsQuery(Instant from, Instant to, Optional<String> pipelineId, boolean h2) {
        this.h2 = h2;
        this.from = from;
        this.to = to;
        this.pipelineId = pipelineId;
        this.range = " WHERE created_at >= :from AND created_at < :to"
                + pipelineId.map(id -> " AND pipeline_id = :pipelineId").orElse("");
    }

    RunStatistics read(Handle handle, int recentRuns) {
        Map<RunState, Long> byStatus = new EnumMap<>(RunState.class);
        Map<Instant, long[]> perHour = new LinkedHashMap<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
                hour.isBefore(to);
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            perHour.put(hour, new long[2]);
        }
        long[] durations = new long[2]; // sum, count
        // the range's whole hours from their sums, the parts of hours at its ends run by run
        long firstWhole = Math.floorDiv(
                from.getEpochSecond() + RunHours.HOUR_SECONDS - 1 + (from.getNano() > 0 ? 1 : 0),
                RunHours.HOUR_SECONDS);
        long endWhole = Math.floorDiv(to.getEpochSecond(), RunHours.HOUR_SECONDS);
        List<Instant[]> parts = new ArrayList<>();
        if (firstWhole < endWhole) {
            // the sums hold ended runs (rows of other statuses the V14 migration wrote are stale: skipped)
            handle.createQuery("SELECT hour_number, status, runs, finished, duration_ms FROM run_hours"
                            + " WHERE pipeline_id = :pipelineId AND hour_number >= :first AND hour_number < :end"
                            + " AND status NOT IN " + JdbiRunStore.UNFINISHED_RUN)
                    .bind("pipelineId", pipelineId.orElse(RunHours.EVERY_PIPELINE))
                    .bind("first", firstWhole)
                    .bind("end", endWhole)
                    .map((row, context) -> {
                        count(byStatus, perHour, state(row), row.getLong("hour_number"), row.getLong("runs"));
                        durations[0] += row.getLong("duration_ms");
                        durations[1] += row.getLong("finished");
                        return row;
                    })
                    .list();
            // and the runs of those hours not ended yet, from the runs themselves (few: those queued and running)
            readRuns(
                    handle,
                    Instant.ofEpochSecond(firstWhole * RunHours.HOUR_SECONDS),
                    Instant.ofEpochSecond(endWhole * RunHours.HOUR_SECONDS),
                    true,
                    byStatus,
                    perHour,
                    durations);
            parts.add(new Instant[] {from, Instant.ofEpochSecond(firstWhole * RunHours.HOUR_SECONDS)});
            parts.add(new Instant[] {Instant.ofEpochSecond(endWhole * RunHours.HOUR_SECONDS), to});
        } else {
            parts.add(new Instant[] {from, to});
        }
        for (Instant[] part : parts) {
            if (part[0].isBefore(part[1])) {
                readRuns(handle, part[0], part[1], false, byStatus, perHour, durations);
            }
        }
        List<RunStatistics.HourCount> hours = new ArrayList<>();
        perHour.forEach((hour, counts) -> hours.add(new RunStatistics.HourCount(hour, counts[0], counts[1])));
        return new RunStatistics(
                from,
                to,
                byStatus,
                durations[1] == 0 ? Optional.empty() : Optional.of(durations[0] / durations[1]),
                hours,
                recent(handle, recentRuns),
                failingPipelines(handle));
    }

    /** Counts the runs created in [from, to) run by run; only those not ended yet when {@code unfinished}. */
    private void readRuns(
            Handle handle,
            Instant from,
            Instant to,
            boolean unfinished,
            Map<RunState, Long> byStatus,
            Map<Instant, long[]> perHour,
            long[] durations) {
        var query = handle.createQuery("SELECT pipeline_id, created_at, status, started_at, finished_at FROM runs"
                        + " WHERE created_at >= :from AND created_at < :to"
                        + (unfinished ? " AND status IN " + JdbiRunStore.UNFINISHED_RUN : "")
                        + pipelineId.map(id -> " AND pipeline_id = :pipelineId").orElse(""))
                .bind("from", from)
                .bind("to", to);
        pipelineId.ifPresent(id -> query.bind("pipelineId", id));
        query.map((row, context) -> RunHours.Run.of(
                        row.getString("pipeline_id"),
                        Times.readRequired(row, "created_at"),
                        row.getString("status"),
                        Times.read(row, "started_at"),
                        Times.read(row, "finished_at")))
                .forEach(run -> {
                    count(byStatus, perHour, RunState.valueOf(run.status().toUpperCase(Locale.ROOT)), run.hour(), 1);
                    run.durationMillis().ifPresent(millis -> {
                        durations[0] += millis;
                        durations[1]++;
                    });
                });
    }

    private static void count(
            Map<RunState, Long> byStatus, Map<Instant, long[]> perHour, RunState status, long hourNumber, long runs) {
        if (runs == 0) {
            return; // a sum row whose runs have all moved on to another status, or been purged
        }
        byStatus.merge(status, runs, Long::sum);
        long[] hour = perHour.get(Instant.ofEpochSecond(hourNumber * RunHours.HOUR_SECONDS));
        if (hour != null) {
            hour[0] += runs;
            hour[1] += status == RunState.FAILED || status == RunState.CRASHED ? runs : 0;
        }
    }

    /** The last finished runs by creation, oldest first. */
    private List<RunStatistics.FinishedRun> recent(Handle handle, int recentRuns) {
        List<RunStatistics.FinishedRun> newestFirst = bind(handle.createQuery(
                        "SELECT run_id, pipeline_id, status, started_at, finished_at, " + DURATION_MILLIS
                                + " AS duration"
                                + " FROM runs" + range + " AND " + FINISHED
                                + " ORDER BY created_at DESC, run_id DESC LIMIT :recent"))
                .bind("recent", recentRuns)
                .map((row, context) -> finishedRun(row))
                .list();
        List<RunStatistics.FinishedRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }

    private static Optional<String> nextPipeline(Handle handle, String after) {
        return handle.createQuery(
                        "SELECT pipeline_id FROM run_hours WHERE pipeline_id > :last" + " ORDER BY pipeline_id LIMIT 1")
                .bind("last", after)
                .mapTo(String.class)
                .findOne();
    }

    /**
     * Each pipeline's latest finished run (by its end; of two ending at once, the one created later) when it
     * did not succeed; pipelines in the order of their first finished run of the range. Per pipeline (found one
     * after the other in the sums' index), two index lookups: its first finished run of the range by creation,
     * and its latest by end, read backwards from the newest end until one was created in the range.
     */
    private List<RunStatistics.FinishedRun> failingPipelines(Handle handle) {
        List<String> pipelines = new ArrayList<>();
        if (pipelineId.isPresent()) {
            pipelines.add(pipelineId.get());
        } else {
            Optional<String> next = nextPipeline(handle, RunHours.EVERY_PIPELINE);
            while (next.isPresent()) {
                pipelines.add(next.get());
                next = nextPipeline(handle, next.get());
            }
        }
        List<Map.Entry<Instant, RunStatistics.FinishedRun>> latest = new ArrayList<>();
        for (String pipeline : pipelines) {
            String ofPipeline = " WHERE pipeline_id = :pipelineId AND created_at >= :from AND created_at < :to"
                    + " AND " + FINISHED;
            Optional<Instant> firstCreated = bind(handle.createQuery("SELECT created_at FROM runs"
                            + index("runs_by_pipeline") + ofPipeline + " ORDER BY pipeline_id, created_at LIMIT 1"))
                    .bind("pipelineId", pipeline)
                    .mapTo(Instant.class)
                    .findOne();
            if (firstCreated.isPresent()) {
                bind(handle.createQuery("SELECT run_id, pipeline_id, status, started_at, finished_at, "
                                + DURATION_MILLIS + " AS duration FROM runs" + index("runs_by_pipeline_finished")
                                + ofPipeline
                                + " ORDER BY pipeline_id, finished_at DESC, created_at DESC, run_id DESC LIMIT 1"))
                        .bind("pipelineId", pipeline)
                        .map((row, context) -> finishedRun(row))
                        .findOne()
                        .filter(run -> run.status() != RunState.SUCCESS)
                        .ifPresent(run -> latest.add(Map.entry(firstCreated.get(), run)));
            }
        }
        latest.sort(Map.Entry.<Instant, RunStatistics.FinishedRun>comparingByKey()
                .thenComparing(entry -> entry.getValue().pipelineId()));
        return latest.stream().map(Map.Entry::getValue).toList();
    }

    /**
     * The index H2 is to read (PostgreSQL's planner finds it): H2 otherwise took the one on the range's creation
     * times, and read and sorted every run of the range.
     */
    private String index(String name) {
        return h2 ? " USE INDEX (" + name + ")" : "";
    }

    private org.jdbi.v3.core.statement.Query bind(org.jdbi.v3.core.statement.Query query) {
        query.bind("from", from).bind("to", to);
        pipelineId.ifPresent(id -> query.bind("pipelineId", id));
        return query;
    }

    private static RunStatistics.FinishedRun finishedRun(ResultSet row) throws SQLException {
        return new RunStatistics.FinishedRun(
                row.getString("run_id"),
                row.getString("pipeline_id"),
                state(row),
                Times.readRequired(row, "started_at"),
                Times.readRequired(row, "finished_at"),
                row.getLong("duration"));
    }

    private static RunState state(ResultSet row) throws SQLException {
        return RunState.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
    }
}
