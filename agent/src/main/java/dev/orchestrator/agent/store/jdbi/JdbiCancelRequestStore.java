package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.CancelRequestStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link CancelRequestStore} on Jdbi, in the {@code cancel_requests} table. Thread-safe. */
public final class JdbiCancelRequestStore implements CancelRequestStore {

    private final Jdbi jdbi;

    public JdbiCancelRequestStore(Database database) {
        this(database.jdbi());
    }

    JdbiCancelRequestStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void request(String runId, String reason, Instant at) {
        // the first request wins; a second one for the same run (a double click, two consoles) changes nothing
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                    INSERT INTO cancel_requests (run_id, reason, requested_at) SELECT :runId, :reason, :at
                    WHERE NOT EXISTS (SELECT 1 FROM cancel_requests WHERE run_id = :runId)""")
                    .bind("runId", runId)
                    .bind("reason", reason)
                    .bind("at", at)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (!requested(runId)) {
                throw e; // not the other request's row getting there first
            }
        }
    }

    private boolean requested(String runId) {
        return jdbi.withHandle(
                        handle -> handle.createQuery("SELECT COUNT(*) FROM cancel_requests WHERE run_id = :runId")
                                .bind("runId", runId)
                                .mapTo(Integer.class)
                                .one())
                > 0;
    }

    @Override
    public List<CancelRequest> takeFor(String agentId) {
        return jdbi.inTransaction(handle -> {
            // driven by the requests (few, mostly none), each run looked up by its key: asked every 250 ms, this
            // must not read the whole history
            handle.createUpdate("""
                    DELETE FROM cancel_requests WHERE EXISTS (SELECT 1 FROM runs r
                        WHERE r.run_id = cancel_requests.run_id AND r.status NOT IN ('queued', 'running'))""").execute();
            List<CancelRequest> taken = handle.createQuery("""
                    SELECT c.run_id, c.reason FROM cancel_requests c JOIN runs r ON r.run_id = c.run_id
                    WHERE r.agent_id = :agentId
                    AND NOT EXISTS (SELECT 1 FROM dispatched_runs d WHERE d.run_id = c.run_id)
                    ORDER BY c.requested_at, c.run_id""")
                    .bind("agentId", agentId)
                    .map((row, context) -> new CancelRequest(row.getString("run_id"), row.getString("reason")))
                    .list();
            taken.forEach(request -> handle.createUpdate("DELETE FROM cancel_requests WHERE run_id = :runId")
                    .bind("runId", request.runId())
                    .execute());
            return taken;
        });
    }
}
