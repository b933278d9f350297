package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.PipelineStateStore;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@link PipelineStateStore} on Jdbi. Thread-safe. */
public final class JdbiPipelineStateStore implements PipelineStateStore {

    private final Jdbi jdbi;

    public JdbiPipelineStateStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Set<String> pausedPipelines() {
        return Set.copyOf(jdbi.withHandle(handle -> handle.createQuery(
                "SELECT pipeline_id FROM pipeline_state WHERE paused").mapTo(String.class).list()));
    }

    @Override
    public void setPaused(String pipelineId, boolean paused, Instant at) {
        jdbi.useTransaction(handle -> {
            ensureRow(handle, pipelineId, at);
            handle.createUpdate("UPDATE pipeline_state SET paused = :paused, updated_at = :at WHERE pipeline_id = :id")
                    .bind("paused", paused).bind("at", Times.utc(at)).bind("id", pipelineId).execute();
        });
    }

    @Override
    public AlertState alertState(String pipelineId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT consecutive_failures, failure_alerted FROM pipeline_state WHERE pipeline_id = :id")
                .bind("id", pipelineId)
                .map((row, context) -> new AlertState(row.getInt(1), row.getBoolean(2)))
                .findOne().orElse(AlertState.CLEAR));
    }

    @Override
    public void saveAlertState(String pipelineId, AlertState state, Instant at) {
        jdbi.useTransaction(handle -> {
            ensureRow(handle, pipelineId, at);
            handle.createUpdate("""
                            UPDATE pipeline_state SET consecutive_failures = :failures, failure_alerted = :alerted,
                                updated_at = :at WHERE pipeline_id = :id""")
                    .bind("failures", state.consecutiveFailures()).bind("alerted", state.alerted())
                    .bind("at", Times.utc(at)).bind("id", pipelineId).execute();
        });
    }

    @Override
    public void recordScheduleEvent(String pipelineId, Instant scheduledFor, String kind, String message, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO schedule_events (pipeline_id, scheduled_for, noted_at, kind, message)
                        VALUES (:id, :scheduledFor, :at, :kind, :message)""")
                .bind("id", pipelineId).bind("scheduledFor", Times.utc(scheduledFor)).bind("at", Times.utc(at))
                .bind("kind", kind).bind("message", message).execute());
    }

    @Override
    public List<ScheduleEvent> scheduleEvents(String pipelineId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM schedule_events WHERE pipeline_id = :id ORDER BY id LIMIT :limit""")
                .bind("id", pipelineId).bind("limit", limit)
                .map((row, context) -> new ScheduleEvent(row.getString("pipeline_id"),
                        Times.readRequired(row, "scheduled_for"), Times.readRequired(row, "noted_at"),
                        row.getString("kind"), row.getString("message")))
                .list());
    }

    private static void ensureRow(org.jdbi.v3.core.Handle handle, String pipelineId, Instant at) {
        int exists = handle.createQuery("SELECT COUNT(*) FROM pipeline_state WHERE pipeline_id = :id")
                .bind("id", pipelineId).mapTo(Integer.class).one();
        if (exists == 0) {
            handle.createUpdate("INSERT INTO pipeline_state (pipeline_id, updated_at) VALUES (:id, :at)")
                    .bind("id", pipelineId).bind("at", Times.utc(at)).execute();
        }
    }
}
