package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.EventWait;
import dev.orchestrator.agent.store.EventWaitStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link EventWaitStore} on Jdbi, for H2 and PostgreSQL. Each side writes its own row first and then looks for the
 * other's, so whichever comes second finds the first, and guarded deletes and updates ({@code ... AND payload IS
 * NULL}) make sure one event reaches one wait once. On PostgreSQL no lock spans a post and a wait; on H2 the
 * hand-overs run one at a time ({@link Database#handOver}), because its row locks let one post be both delivered
 * and kept under heavy load. Thread-safe.
 */
public final class JdbiEventWaitStore implements EventWaitStore {

    /** Kept events another wait took between our read and our delete: try the next one, a few times. */
    private static final int CLAIM_TRIES = 5;

    private final Jdbi jdbi;
    private final Database database;

    public JdbiEventWaitStore(Database database) {
        this.jdbi = database.jdbi();
        this.database = database;
    }

    @Override
    public void register(EventWait wait, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO event_waits (run_id, task_id, event_name, event_key, agent_id, waiting_since, deadline)
                        VALUES (:runId, :taskId, :event, :key, :agentId, :since, :deadline)""")
                .bind("runId", wait.runId())
                .bind("taskId", wait.taskId())
                .bind("event", wait.event())
                .bind("key", wait.key())
                .bind("agentId", wait.agentId())
                .bind("since", wait.waitingSince())
                .bind("deadline", wait.deadline())
                .execute());
        // an event kept before this wait existed: the oldest one is this wait's
        database.handOver(() -> jdbi.inTransaction(handle -> {
            Optional<String> kept = claimKeptEvent(handle, wait.event(), wait.key(), now);
            if (kept.isPresent()
                    && handle.createUpdate("""
                            UPDATE event_waits SET payload = :payload, delivered_at = :now
                            WHERE run_id = :runId AND task_id = :taskId AND payload IS NULL""")
                                    .bind("payload", kept.get())
                                    .bind("now", now)
                                    .bind("runId", wait.runId())
                                    .bind("taskId", wait.taskId())
                                    .execute()
                            == 0) {
                handle.rollback(); // a post reached the wait meanwhile: the kept event stays for another
            }
            return kept;
        }));
    }

    @Override
    public Publication publish(String event, String key, String payloadJson, Instant now, Instant keepUntil) {
        return database.handOver(() -> handOver(event, key, payloadJson, now, keepUntil));
    }

    private Publication handOver(String event, String key, String payloadJson, Instant now, Instant keepUntil) {
        List<DeliveredWait> delivered = jdbi.inTransaction(handle -> deliver(handle, event, key, payloadJson, now));
        if (!delivered.isEmpty()) {
            return new Publication(delivered, Optional.empty());
        }
        long id = jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM kept_events WHERE expires_at <= :now")
                    .bind("now", now)
                    .execute();
            return handle.createUpdate("""
                            INSERT INTO kept_events (event_name, event_key, payload, received_at, expires_at)
                            VALUES (:event, :key, :payload, :now, :until)""")
                    .bind("event", event)
                    .bind("key", key)
                    .bind("payload", payloadJson)
                    .bind("now", now)
                    .bind("until", keepUntil)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
        });
        // a wait registered while this event was being kept may have missed it: hand it over now
        List<DeliveredWait> late = jdbi.inTransaction(handle -> {
            if (handle.createUpdate("DELETE FROM kept_events WHERE id = :id")
                            .bind("id", id)
                            .execute()
                    == 0) {
                return List.<DeliveredWait>of(); // a wait took it
            }
            List<DeliveredWait> reached = deliver(handle, event, key, payloadJson, now);
            if (reached.isEmpty()) {
                handle.rollback(); // nobody waits: it stays kept
            }
            return reached;
        });
        return late.isEmpty()
                ? new Publication(List.of(), Optional.of(keepUntil))
                : new Publication(late, Optional.empty());
    }

    /** Fills in the payload of every wait for this event that has none yet; returns those it reached. */
    private static List<DeliveredWait> deliver(
            Handle handle, String event, String key, String payloadJson, Instant now) {
        List<DeliveredWait> candidates = handle.createQuery("""
                        SELECT run_id, task_id, agent_id FROM event_waits
                        WHERE event_name = :event AND event_key = :key AND payload IS NULL ORDER BY waiting_since""")
                .bind("event", event)
                .bind("key", key)
                .map((row, context) ->
                        new DeliveredWait(row.getString("run_id"), row.getString("task_id"), row.getString("agent_id")))
                .list();
        List<DeliveredWait> delivered = new ArrayList<>();
        for (DeliveredWait wait : candidates) {
            int updated = handle.createUpdate("""
                            UPDATE event_waits SET payload = :payload, delivered_at = :now
                            WHERE run_id = :runId AND task_id = :taskId AND payload IS NULL""")
                    .bind("payload", payloadJson)
                    .bind("now", now)
                    .bind("runId", wait.runId())
                    .bind("taskId", wait.taskId())
                    .execute();
            if (updated == 1) {
                delivered.add(wait);
            }
        }
        return delivered;
    }

    /** Takes (deletes) the oldest unexpired kept event for this name and key, if there is one. */
    private static Optional<String> claimKeptEvent(Handle handle, String event, String key, Instant now) {
        for (int i = 0; i < CLAIM_TRIES; i++) {
            Optional<KeptEvent> oldest = handle.createQuery("""
                            SELECT id, payload FROM kept_events WHERE event_name = :event AND event_key = :key
                            AND expires_at > :now ORDER BY id LIMIT 1""")
                    .bind("event", event)
                    .bind("key", key)
                    .bind("now", now)
                    .map((row, context) -> new KeptEvent(row.getLong("id"), row.getString("payload")))
                    .findOne();
            if (oldest.isEmpty()) {
                return Optional.empty();
            }
            if (handle.createUpdate("DELETE FROM kept_events WHERE id = :id")
                            .bind("id", oldest.get().id())
                            .execute()
                    == 1) {
                return Optional.of(oldest.get().payload());
            }
        }
        return Optional.empty();
    }

    private record KeptEvent(long id, String payload) {}

    @Override
    public Optional<String> takeDelivered(String runId, String taskId) {
        return jdbi.inTransaction(handle -> {
            Optional<String> payload = handle.createQuery("""
                            SELECT payload FROM event_waits WHERE run_id = :runId AND task_id = :taskId
                            AND payload IS NOT NULL""")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .mapTo(String.class)
                    .findOne();
            payload.ifPresent(found -> delete(handle, runId, taskId));
            return payload;
        });
    }

    @Override
    public Optional<String> withdraw(String runId, String taskId) {
        return jdbi.inTransaction(handle -> {
            int undelivered = handle.createUpdate("""
                            DELETE FROM event_waits WHERE run_id = :runId AND task_id = :taskId AND payload IS NULL""")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .execute();
            if (undelivered == 1) {
                return Optional.<String>empty();
            }
            Optional<String> payload = handle.createQuery(
                            "SELECT payload FROM event_waits WHERE run_id = :runId AND task_id = :taskId")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .mapTo(String.class)
                    .findOne();
            delete(handle, runId, taskId);
            return payload;
        });
    }

    private static void delete(Handle handle, String runId, String taskId) {
        handle.createUpdate("DELETE FROM event_waits WHERE run_id = :runId AND task_id = :taskId")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute();
    }

    @Override
    public Optional<DeliveredWait> deliverTo(
            String runId, String taskId, String event, String payloadJson, Instant now) {
        return jdbi.inTransaction(handle -> {
            Optional<String> agentId = handle.createQuery("""
                            SELECT agent_id FROM event_waits WHERE run_id = :runId AND task_id = :taskId
                            AND event_name = :event AND payload IS NULL""")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .bind("event", event)
                    .mapTo(String.class)
                    .findOne();
            if (agentId.isEmpty()
                    || handle.createUpdate("""
                                    UPDATE event_waits SET payload = :payload, delivered_at = :now
                                    WHERE run_id = :runId AND task_id = :taskId AND event_name = :event
                                    AND payload IS NULL""")
                                    .bind("payload", payloadJson)
                                    .bind("now", now)
                                    .bind("runId", runId)
                                    .bind("taskId", taskId)
                                    .bind("event", event)
                                    .execute()
                            == 0) {
                return Optional.<DeliveredWait>empty();
            }
            return Optional.of(new DeliveredWait(runId, taskId, agentId.get()));
        });
    }

    @Override
    public List<EventWait> waitsFor(String event) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM event_waits WHERE event_name = :event AND payload IS NULL
                        ORDER BY waiting_since, run_id, task_id""")
                .bind("event", event)
                .map(JdbiEventWaitStore::readWait)
                .list());
    }

    @Override
    public List<EventWait> waitsOf(String runId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM event_waits WHERE run_id = :runId")
                .bind("runId", runId)
                .map(JdbiEventWaitStore::readWait)
                .list());
    }

    private static EventWait readWait(ResultSet row, StatementContext context) throws SQLException {
        return new EventWait(
                row.getString("run_id"),
                row.getString("task_id"),
                row.getString("event_name"),
                row.getString("event_key"),
                row.getString("agent_id"),
                Times.readRequired(row, "waiting_since"),
                Times.readRequired(row, "deadline"));
    }

    @Override
    public List<DeliveredWait> deliveredWaits(String agentId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT run_id, task_id, agent_id FROM event_waits
                        WHERE agent_id = :agentId AND delivered_at IS NOT NULL""")
                .bind("agentId", agentId)
                .map((row, context) ->
                        new DeliveredWait(row.getString("run_id"), row.getString("task_id"), row.getString("agent_id")))
                .list());
    }
}
