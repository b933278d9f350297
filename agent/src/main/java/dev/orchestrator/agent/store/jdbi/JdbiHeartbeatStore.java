package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.HeartbeatStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link HeartbeatStore} on Jdbi, in the {@code agent_heartbeats} table. Thread-safe. */
public final class JdbiHeartbeatStore implements HeartbeatStore {

    private final Jdbi jdbi;

    public JdbiHeartbeatStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean beat(AgentPresence agent, int activeRuns) {
        return beat(agent, activeRuns, Optional.empty());
    }

    @Override
    public boolean beat(AgentPresence agent, int activeRuns, Optional<Capacity> free) {
        return jdbi.inTransaction(handle -> {
            int updated =
                    bind(handle.createUpdate("""
                    UPDATE agent_heartbeats SET host = :host, pid = :pid, api_url = :apiUrl, version = :version,
                        started_at = :startedAt, active_runs = :activeRuns, free_memory_mb = :freeMemoryMb,
                        free_cpu = :freeCpu, last_seen = CURRENT_TIMESTAMP
                    WHERE agent_id = :agentId"""), agent, activeRuns, free).execute();
            if (updated == 0) {
                bind(handle.createUpdate("""
                        INSERT INTO agent_heartbeats (agent_id, host, pid, api_url, version, started_at, active_runs,
                            free_memory_mb, free_cpu, last_seen)
                        VALUES (:agentId, :host, :pid, :apiUrl, :version, :startedAt, :activeRuns, :freeMemoryMb,
                            :freeCpu, CURRENT_TIMESTAMP)"""), agent, activeRuns, free).execute();
            }
            return updated > 0;
        });
    }

    private static org.jdbi.v3.core.statement.Update bind(
            org.jdbi.v3.core.statement.Update update, AgentPresence agent, int activeRuns, Optional<Capacity> free) {
        return update.bind("activeRuns", activeRuns)
                .bindByType("freeMemoryMb", free.map(Capacity::memoryMb).orElse(null), Long.class)
                .bindByType("freeCpu", free.map(Capacity::cpu).orElse(null), Double.class)
                .bind("agentId", agent.agentId())
                .bind("host", agent.host())
                .bind("pid", agent.pid())
                .bind("apiUrl", agent.apiUrl().orElse(null))
                .bind("version", agent.version())
                .bind("startedAt", agent.startedAt());
    }

    @Override
    public List<Heartbeat> heartbeats() {
        return jdbi.withHandle(handle -> {
            Instant now = databaseNow(handle);
            return handle.createQuery("SELECT * FROM agent_heartbeats ORDER BY agent_id")
                    .map((row, context) -> heartbeat(row, now))
                    .list();
        });
    }

    @Override
    public Optional<Heartbeat> find(String agentId) {
        return jdbi.withHandle(handle -> {
            Instant now = databaseNow(handle);
            return handle.createQuery("SELECT * FROM agent_heartbeats WHERE agent_id = :agentId")
                    .bind("agentId", agentId)
                    .map((row, context) -> heartbeat(row, now))
                    .findOne();
        });
    }

    @Override
    public boolean remove(String agentId, Instant lastSeen) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                                "DELETE FROM agent_heartbeats WHERE agent_id = :agentId AND last_seen = :lastSeen")
                        .bind("agentId", agentId)
                        .bind("lastSeen", lastSeen)
                        .execute())
                == 1;
    }

    private static Instant databaseNow(Handle handle) {
        return handle.createQuery("SELECT CURRENT_TIMESTAMP")
                .mapTo(Instant.class)
                .one();
    }

    private static Heartbeat heartbeat(ResultSet row, Instant now) throws SQLException {
        Instant lastSeen = Times.readRequired(row, "last_seen");
        AgentPresence agent = new AgentPresence(
                row.getString("agent_id"),
                row.getString("host"),
                row.getLong("pid"),
                Optional.ofNullable(row.getString("api_url")),
                row.getString("version"),
                Times.readRequired(row, "started_at"));
        Duration silence = Duration.between(lastSeen, now);
        long freeMemoryMb = row.getLong("free_memory_mb");
        Optional<Capacity> free =
                row.wasNull() ? Optional.empty() : Optional.of(new Capacity(freeMemoryMb, row.getDouble("free_cpu")));
        return new Heartbeat(
                agent, lastSeen, silence.isNegative() ? Duration.ZERO : silence, row.getInt("active_runs"), free);
    }
}
