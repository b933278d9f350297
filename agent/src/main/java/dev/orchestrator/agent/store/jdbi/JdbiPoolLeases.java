package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.PoolLeases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link PoolLeases} on Jdbi. Taking slots is one transaction that first locks the pool's row ({@code SELECT ...
 * FOR UPDATE}, on H2 and PostgreSQL alike), so two agents never both count a free slot and take it. The cheap path
 * (slots free, nobody queued) is a lock, a sum, a count and an insert; leases of dead agents are looked for only
 * when the slots are not free. Thread-safe.
 */
public final class JdbiPoolLeases implements PoolLeases {

    private static final int HOLDERS_SHOWN = 100;

    private final Jdbi jdbi;
    private final boolean h2;
    // pools whose row is known to exist: it is created once, then only locked
    private final Set<String> knownPools = ConcurrentHashMap.newKeySet();

    public JdbiPoolLeases(Database database) {
        this.jdbi = database.jdbi();
        this.h2 = database.isH2();
    }

    @Override
    public Admission tryAcquire(Request request, int size, Duration expiry) {
        ensurePoolRow(request.pool());
        return jdbi.inTransaction(handle -> {
            long nextTicket = handle.createQuery("SELECT next_ticket FROM pools WHERE pool_name = :pool FOR UPDATE")
                    .bind("pool", request.pool())
                    .mapTo(Long.class)
                    .one();
            if (holds(handle, request)) {
                return new Admission(true, taken(handle, request.pool()), List.of(), 0);
            }
            Optional<Long> ticket = handle.createQuery(
                            "SELECT ticket FROM pool_waiters WHERE run_id = :runId AND task_id = :taskId")
                    .bind("runId", request.runId())
                    .bind("taskId", request.taskId())
                    .mapTo(Long.class)
                    .findOne();
            int taken = taken(handle, request.pool());
            int ahead = ahead(handle, request.pool(), ticket);
            Instant now = databaseNow(handle);
            if (taken + request.slots() > size || ahead > 0) {
                // slots held, or places kept, by agents declared dead: they count no more
                if (expire(handle, request, now.minus(expiry)) > 0) {
                    taken = taken(handle, request.pool());
                    ahead = ahead(handle, request.pool(), ticket);
                }
            }
            if (taken + request.slots() <= size && ahead == 0) {
                handle.createUpdate("""
                                INSERT INTO pool_leases (run_id, task_id, pool_name, agent_id, slots, acquired_at)
                                VALUES (:runId, :taskId, :pool, :agentId, :slots, :now)""").bindMethods(request).bind("now", now).execute();
                if (ticket.isPresent()) {
                    deleteWait(handle, request.runId(), request.taskId());
                }
                return new Admission(true, taken, List.of(), 0);
            }
            if (ticket.isEmpty()) {
                handle.createUpdate("""
                                INSERT INTO pool_waiters (run_id, task_id, pool_name, ticket, agent_id, slots, since)
                                VALUES (:runId, :taskId, :pool, :ticket, :agentId, :slots, :now)""")
                        .bindMethods(request)
                        .bind("ticket", nextTicket)
                        .bind("now", now)
                        .execute();
                handle.createUpdate("UPDATE pools SET next_ticket = next_ticket + 1 WHERE pool_name = :pool")
                        .bind("pool", request.pool())
                        .execute();
            }
            List<Lease> holders = handle.createQuery(
                            "SELECT * FROM pool_leases WHERE pool_name = :pool ORDER BY acquired_at, run_id, task_id")
                    .bind("pool", request.pool())
                    .setMaxRows(HOLDERS_SHOWN)
                    .map((row, context) -> lease(row))
                    .list();
            return new Admission(false, taken, holders, ahead);
        });
    }

    private void ensurePoolRow(String pool) {
        if (knownPools.contains(pool)) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate(
                        h2
                                ? "MERGE INTO pools (pool_name) KEY (pool_name) VALUES (:pool)"
                                : "INSERT INTO pools (pool_name) VALUES (:pool) ON CONFLICT DO NOTHING")
                .bind("pool", pool)
                .execute());
        knownPools.add(pool);
    }

    private static boolean holds(Handle handle, Request request) {
        return handle.createQuery("SELECT COUNT(*) FROM pool_leases WHERE run_id = :runId AND task_id = :taskId")
                        .bind("runId", request.runId())
                        .bind("taskId", request.taskId())
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    private static int taken(Handle handle, String pool) {
        return handle.createQuery("SELECT COALESCE(SUM(slots), 0) FROM pool_leases WHERE pool_name = :pool")
                .bind("pool", pool)
                .mapTo(Integer.class)
                .one();
    }

    /** The tasks queued before this one (all of them, when it is not queued yet). */
    private static int ahead(Handle handle, String pool, Optional<Long> ticket) {
        return handle.createQuery("SELECT COUNT(*) FROM pool_waiters WHERE pool_name = :pool AND ticket < :ticket")
                .bind("pool", pool)
                .bind("ticket", ticket.orElse(Long.MAX_VALUE))
                .mapTo(Integer.class)
                .one();
    }

    /**
     * Deletes the pool's leases and waits of other agents declared dead: that have no heartbeat row (a survivor
     * removes it once it has marked their runs crashed; or they never beat) and took them before {@code cutoff} (an
     * agent starting may take slots before its first heartbeat). A row that is only old is not enough: its agent may
     * be paused, or the database was out of reach for all, and its runs are not recorded crashed yet.
     */
    private static int expire(Handle handle, Request request, Instant cutoff) {
        int expired = 0;
        for (String[] table : new String[][] {{"pool_leases", "acquired_at"}, {"pool_waiters", "since"}}) {
            expired += handle.createUpdate("DELETE FROM " + table[0] + " WHERE pool_name = :pool AND agent_id <> :me"
                            + " AND " + table[1] + " < :cutoff"
                            + " AND agent_id NOT IN (SELECT agent_id FROM agent_heartbeats)")
                    .bind("pool", request.pool())
                    .bind("me", request.agentId())
                    .bind("cutoff", cutoff)
                    .execute();
        }
        return expired;
    }

    @Override
    public void noteWaiting(String runId, String taskId, String reason) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE task_runs SET reason = :reason"
                                + " WHERE run_id = :runId AND task_id = :taskId AND status IN ('pending', 'waiting', 'retrying')")
                .bind("reason", reason)
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute());
    }

    @Override
    public void release(String runId, String taskId) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM pool_leases WHERE run_id = :runId AND task_id = :taskId")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .execute();
            deleteWait(handle, runId, taskId);
        });
    }

    private static void deleteWait(Handle handle, String runId, String taskId) {
        handle.createUpdate("DELETE FROM pool_waiters WHERE run_id = :runId AND task_id = :taskId")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute();
    }

    @Override
    public int releaseAllOf(String agentId) {
        return jdbi.inTransaction(handle -> handle.createUpdate("DELETE FROM pool_leases WHERE agent_id = :agentId")
                        .bind("agentId", agentId)
                        .execute()
                + handle.createUpdate("DELETE FROM pool_waiters WHERE agent_id = :agentId")
                        .bind("agentId", agentId)
                        .execute());
    }

    @Override
    public List<Lease> leases() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM pool_leases ORDER BY pool_name, acquired_at, run_id, task_id")
                .map((row, context) -> lease(row))
                .list());
    }

    @Override
    public List<Waiter> waiters() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM pool_waiters ORDER BY pool_name, ticket")
                .map((row, context) -> new Waiter(
                        row.getString("pool_name"),
                        row.getString("agent_id"),
                        row.getString("run_id"),
                        row.getString("task_id"),
                        row.getInt("slots"),
                        Times.readRequired(row, "since")))
                .list());
    }

    private static Lease lease(ResultSet row) throws SQLException {
        return new Lease(
                row.getString("pool_name"),
                row.getString("agent_id"),
                row.getString("run_id"),
                row.getString("task_id"),
                row.getInt("slots"),
                Times.readRequired(row, "acquired_at"));
    }

    private static Instant databaseNow(Handle handle) {
        return handle.createQuery("SELECT CURRENT_TIMESTAMP")
                .mapTo(Instant.class)
                .one();
    }
}
