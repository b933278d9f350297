package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunRetention;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link RunRetention} on Jdbi, for {@link JdbiRunStore}: old finished runs deleted with all they own. Thread-safe. */
final class JdbiRunRetention implements RunRetention {

    private final Jdbi jdbi;
    private final RunHours hours;

    JdbiRunRetention(Jdbi jdbi, RunHours hours) {
        this.jdbi = jdbi;
        this.hours = hours;
    }

    @Override
    public List<String> purgeFinishedBefore(Instant cutoff) {
        return jdbi.inTransaction(handle -> {
            List<String> runIds = handle.createQuery("""
                            SELECT run_id FROM runs WHERE finished_at < :cutoff
                            AND status NOT IN ('queued', 'running')""")
                    .bind("cutoff", cutoff)
                    .mapTo(String.class)
                    .list();
            if (!runIds.isEmpty()) {
                // locked: of two agents purging at once, the second finds the rows gone and takes nothing off
                List<RunHours.Run> purged = RunHours.read(handle, runIds, true);
                hours.change(handle, purged, List.of());
                for (String table :
                        List.of("event_waits", "task_logs", "run_events", "attempts", "task_runs", "runs")) {
                    handle.createUpdate("DELETE FROM " + table + " WHERE run_id IN (<runIds>)")
                            .bindList("runIds", runIds)
                            .execute();
                }
            }
            return runIds;
        });
    }
}
