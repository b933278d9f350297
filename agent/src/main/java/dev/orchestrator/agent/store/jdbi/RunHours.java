package dev.orchestrator.agent.store.jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The per-hour figures of the dashboard ({@code run_hours}, see the V14 migration) kept up to date, for
 * {@link JdbiRunStore} and {@link RunRecovery}: in the transaction that inserts, changes or deletes runs, their rows
 * are read before and after (the update locks them, so a concurrent change waits), and the difference is added to
 * the hours' rows by an upsert each database runs atomically. Rows are changed in key order, so that two
 * transactions never wait for each other's rows crosswise.
 *
 * <p>Only ended runs are summed up here: a run's way from queued to running to its end would otherwise change four
 * rows twice, rows every run of the hour shares, so concurrent runs waited for each other's commits (ten updates and
 * five reads a run; a burst of one-task runs took 1.8x as long). The few runs still queued or running are counted
 * from {@code runs} itself ({@link RunStatisticsQuery}); rows of those statuses the V14 migration wrote are ignored.
 * Thread-safe.
 */
final class RunHours {

    /** The pipeline id of the rows that sum up every pipeline. */
    static final String EVERY_PIPELINE = "*";

    static final long HOUR_SECONDS = 3_600;

    private final boolean h2;

    RunHours(boolean h2) {
        this.h2 = h2;
    }

    /** What a run counts for: its creation hour, pipeline, status, and its duration when it ended with both ends. */
    record Run(String pipelineId, long hour, String status, Optional<Long> durationMillis) {

        /** Whether the sums hold it: only once it has ended. */
        boolean summed() {
            return summed(status);
        }

        static boolean summed(String status) {
            return !status.equals("queued") && !status.equals("running");
        }

        static Run of(
                String pipelineId,
                Instant created,
                String status,
                Optional<Instant> started,
                Optional<Instant> finished) {
            boolean ended = !status.equals("queued")
                    && !status.equals("running")
                    && started.isPresent()
                    && finished.isPresent();
            return new Run(
                    pipelineId,
                    Math.floorDiv(created.getEpochSecond(), HOUR_SECONDS),
                    status,
                    ended
                            ? Optional.of(Duration.between(started.get(), finished.get())
                                    .toMillis())
                            : Optional.empty());
        }
    }

    /**
     * The runs as they are now in the database (those that exist of the given ids); locked until the transaction
     * ends when {@code lock}, so no other changes them between this and what the caller does next.
     */
    static List<Run> read(Handle handle, Collection<String> runIds, boolean lock) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        List<String> ids = new ArrayList<>(runIds);
        for (int from = 0; from < ids.size(); from += 500) {
            runs.addAll(handle.createQuery("SELECT pipeline_id, created_at, status, started_at, finished_at FROM runs"
                            + " WHERE run_id IN (<runIds>)" + (lock ? " FOR UPDATE" : ""))
                    .bindList("runIds", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .map((row, context) -> Run.of(
                            row.getString("pipeline_id"),
                            Times.readRequired(row, "created_at"),
                            row.getString("status"),
                            Times.read(row, "started_at"),
                            Times.read(row, "finished_at")))
                    .list());
        }
        return runs;
    }

    /** Adds what the runs count for now and takes away what they counted for before. */
    void change(Handle handle, Collection<Run> before, Collection<Run> after) {
        Map<Key, long[]> deltas = new TreeMap<>();
        before.stream().filter(Run::summed).forEach(run -> count(deltas, run, -1));
        after.stream().filter(Run::summed).forEach(run -> count(deltas, run, 1));
        deltas.forEach((key, delta) -> {
            if (delta[0] != 0 || delta[1] != 0 || delta[2] != 0) {
                upsert(handle, key, delta);
            }
        });
    }

    private static void count(Map<Key, long[]> deltas, Run run, int sign) {
        for (String pipelineId : List.of(run.pipelineId(), EVERY_PIPELINE)) {
            long[] delta = deltas.computeIfAbsent(new Key(pipelineId, run.hour(), run.status()), key -> new long[3]);
            delta[0] += sign;
            run.durationMillis().ifPresent(millis -> {
                delta[1] += sign;
                delta[2] += sign * millis;
            });
        }
    }

    private void upsert(Handle handle, Key key, long[] delta) {
        if (!h2) {
            handle.createUpdate("""
                            INSERT INTO run_hours (pipeline_id, hour_number, status, runs, finished, duration_ms)
                            VALUES (:pipelineId, :hour, :status, :runs, :finished, :duration)
                            ON CONFLICT (pipeline_id, hour_number, status) DO UPDATE SET
                                runs = run_hours.runs + EXCLUDED.runs, finished = run_hours.finished + EXCLUDED.finished,
                                duration_ms = run_hours.duration_ms + EXCLUDED.duration_ms""").bindMap(key.binds(delta)).execute();
            return;
        }
        // H2 has no additive upsert: update, else insert; an insert that lost a race with another transaction's
        // fails alone (H2 keeps the transaction going) and the update then finds the row
        for (int attempt = 0; ; attempt++) {
            if (update(handle, key, delta) == 1) {
                return;
            }
            try {
                handle.createUpdate("""
                                INSERT INTO run_hours (pipeline_id, hour_number, status, runs, finished, duration_ms)
                                VALUES (:pipelineId, :hour, :status, :runs, :finished, :duration)""").bindMap(key.binds(delta)).execute();
                return;
            } catch (UnableToExecuteStatementException e) {
                if (attempt > 0 || !DuplicateKey.causedFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static int update(Handle handle, Key key, long[] delta) {
        return handle.createUpdate("""
                        UPDATE run_hours SET runs = runs + :runs, finished = finished + :finished,
                            duration_ms = duration_ms + :duration
                        WHERE pipeline_id = :pipelineId AND hour_number = :hour AND status = :status""").bindMap(key.binds(delta)).execute();
    }

    /** A row of {@code run_hours}; ordered as its primary key. */
    record Key(String pipelineId, long hour, String status) implements Comparable<Key> {

        Map<String, Object> binds(long[] delta) {
            return Map.of(
                    "pipelineId",
                    pipelineId,
                    "hour",
                    hour,
                    "status",
                    status,
                    "runs",
                    delta[0],
                    "finished",
                    delta[1],
                    "duration",
                    delta[2]);
        }

        @Override
        public int compareTo(Key other) {
            int byPipeline = pipelineId.compareTo(other.pipelineId);
            if (byPipeline != 0) {
                return byPipeline;
            }
            int byHour = Long.compare(hour, other.hour);
            return byHour != 0 ? byHour : status.compareTo(other.status);
        }
    }
}
