package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.PipelineStateStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** {@link PipelineStateStore} on Jdbi. Thread-safe. */
public final class JdbiPipelineStateStore implements PipelineStateStore {

    private final Jdbi jdbi;

    public JdbiPipelineStateStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Set<String> pausedPipelines() {
        return Set.copyOf(
                jdbi.withHandle(handle -> handle.createQuery("SELECT pipeline_id FROM pipeline_state WHERE paused")
                        .mapTo(String.class)
                        .list()));
    }

    @Override
    public void setPaused(String pipelineId, boolean paused, Instant at) {
        ensureRow(pipelineId, at);
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE pipeline_state SET paused = :paused, updated_at = :at WHERE pipeline_id = :id")
                .bind("paused", paused)
                .bind("at", at)
                .bind("id", pipelineId)
                .execute());
    }

    @Override
    public AlertState alertState(String pipelineId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT consecutive_failures, failure_alerted FROM pipeline_state WHERE pipeline_id = :id")
                .bind("id", pipelineId)
                .map((row, context) -> new AlertState(row.getInt(1), row.getBoolean(2)))
                .findOne()
                .orElse(AlertState.CLEAR));
    }

    @Override
    public void saveAlertState(String pipelineId, AlertState state, Instant at) {
        ensureRow(pipelineId, at);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE pipeline_state SET consecutive_failures = :failures, failure_alerted = :alerted,
                            updated_at = :at WHERE pipeline_id = :id""")
                .bind("failures", state.consecutiveFailures())
                .bind("alerted", state.alerted())
                .bind("at", at)
                .bind("id", pipelineId)
                .execute());
    }

    @Override
    public void recordScheduleEvent(String pipelineId, Instant scheduledFor, String kind, String message, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO schedule_events (pipeline_id, scheduled_for, noted_at, kind, message)
                        VALUES (:id, :scheduledFor, :at, :kind, :message)""")
                .bind("id", pipelineId)
                .bind("scheduledFor", scheduledFor)
                .bind("at", at)
                .bind("kind", kind)
                .bind("message", message)
                .execute());
    }

    @Override
    public List<ScheduleEvent> scheduleEvents(String pipelineId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM schedule_events WHERE pipeline_id = :id ORDER BY id LIMIT :limit""")
                .bind("id", pipelineId)
                .bind("limit", limit)
                .map((row, context) -> scheduleEvent(row))
                .list());
    }

    @Override
    public Page<ScheduleEvent> findScheduleEvents(
            Optional<String> pipelineId, Optional<Instant> from, Optional<Instant> to, int page, int size) {
        return jdbi.withHandle(handle -> new ScheduledWindow(pipelineId, from, to)
                .page(
                        handle,
                        "schedule_events",
                        "scheduled_for DESC, id DESC",
                        page,
                        size,
                        (row, context) -> scheduleEvent(row)));
    }

    @Override
    public boolean claimFire(String pipelineId, Instant fireTime, String agentId, Instant at) {
        return insertClaim(pipelineId, fireTime, agentId, at, "handed_over");
    }

    @Override
    public List<Instant> claimSettledFires(String pipelineId, List<Instant> fireTimes, String agentId, Instant at) {
        List<Instant> claimed = new ArrayList<>();
        for (Instant fireTime : fireTimes) {
            if (insertClaim(pipelineId, fireTime, agentId, at, "settled")) {
                claimed.add(fireTime);
            }
        }
        return claimed;
    }

    /** A duplicate key is the answer "claimed before". */
    private boolean insertClaim(String pipelineId, Instant fireTime, String agentId, Instant at, String state) {
        return DuplicateKey.insertOnce(() -> jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO schedule_fires (pipeline_id, fire_time, agent_id, claimed_at, state)
                        VALUES (:id, :fireTime, :agentId, :at, :state)""")
                .bind("id", pipelineId)
                .bind("fireTime", fireTime)
                .bind("agentId", agentId)
                .bind("at", at)
                .bind("state", state)
                .execute()));
    }

    @Override
    public boolean settleFire(String pipelineId, Instant fireTime, String agentId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE schedule_fires SET state = 'settled' WHERE pipeline_id = :id AND fire_time = :fireTime
                        AND agent_id = :agentId AND state = 'handed_over'""")
                        .bind("id", pipelineId)
                        .bind("fireTime", fireTime)
                        .bind("agentId", agentId)
                        .execute())
                == 1;
    }

    @Override
    public boolean releaseFire(String pipelineId, Instant fireTime, String agentId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM schedule_fires WHERE pipeline_id = :id AND fire_time = :fireTime
                        AND agent_id = :agentId AND state = 'handed_over'""")
                        .bind("id", pipelineId)
                        .bind("fireTime", fireTime)
                        .bind("agentId", agentId)
                        .execute())
                == 1;
    }

    @Override
    public List<Fire> takeOverFires(String deadAgentId, String agentId, Instant at) {
        List<Fire> open = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT pipeline_id, fire_time FROM schedule_fires WHERE agent_id = :dead
                        AND state = 'handed_over' ORDER BY fire_time, pipeline_id""")
                .bind("dead", deadAgentId)
                .map((row, context) -> new Fire(row.getString("pipeline_id"), Times.readRequired(row, "fire_time")))
                .list());
        List<Fire> taken = new ArrayList<>();
        for (Fire fire : open) {
            // conditional on the old owner and state: of several agents taking over, one gets each fire
            int updated = jdbi.withHandle(handle -> handle.createUpdate("""
                            UPDATE schedule_fires SET agent_id = :agentId, state = 'settled', claimed_at = :at
                            WHERE pipeline_id = :id AND fire_time = :fireTime AND agent_id = :dead
                            AND state = 'handed_over'""")
                    .bind("agentId", agentId)
                    .bind("at", at)
                    .bind("id", fire.pipelineId())
                    .bind("fireTime", fire.fireTime())
                    .bind("dead", deadAgentId)
                    .execute());
            if (updated == 1) {
                taken.add(fire);
            }
        }
        return taken;
    }

    @Override
    public Optional<Instant> lastClaimedFire(String pipelineId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT MAX(fire_time) AS last_fire FROM schedule_fires WHERE pipeline_id = :id")
                .bind("id", pipelineId)
                .map((row, context) -> Times.read(row, "last_fire"))
                .one());
    }

    @Override
    public int purgeFiresBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM schedule_fires WHERE claimed_at < :cutoff AND state = 'settled'")
                .bind("cutoff", cutoff)
                .execute());
    }

    /** The pipeline's row, inserted if missing; agents of a cluster may insert it at the same moment. */
    private void ensureRow(String pipelineId, Instant at) {
        boolean exists = jdbi.withHandle(
                        handle -> handle.createQuery("SELECT COUNT(*) FROM pipeline_state WHERE pipeline_id = :id")
                                .bind("id", pipelineId)
                                .mapTo(Integer.class)
                                .one())
                > 0;
        if (exists) {
            return;
        }
        DuplicateKey.insertOnce(() -> jdbi.useHandle(
                handle -> handle.createUpdate("INSERT INTO pipeline_state (pipeline_id, updated_at) VALUES (:id, :at)")
                        .bind("id", pipelineId)
                        .bind("at", at)
                        .execute()));
    }

    private static ScheduleEvent scheduleEvent(ResultSet row) throws SQLException {
        return new ScheduleEvent(
                row.getString("pipeline_id"),
                Times.readRequired(row, "scheduled_for"),
                Times.readRequired(row, "noted_at"),
                row.getString("kind"),
                row.getString("message"));
    }
}
