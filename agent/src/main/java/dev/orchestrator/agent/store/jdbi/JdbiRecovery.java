package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunRecovery;
import dev.orchestrator.agent.store.TaskProcessGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RunRecovery} on Jdbi, for {@link JdbiRunStore}: runs an agent left unfinished, marked crashed with their
 * tasks and attempts, or, when they were only waiting, found to go on (after a restart) or taken over (from a
 * dead agent of the cluster). Thread-safe.
 */
final class JdbiRecovery implements RunRecovery {

    private final Jdbi jdbi;
    private final RunHours hours;
    private final RunSearch search;
    private final GroupCommit durability;

    JdbiRecovery(Jdbi jdbi, RunHours hours, RunSearch search, GroupCommit durability) {
        this.jdbi = jdbi;
        this.hours = hours;
        this.search = search;
        this.durability = durability;
    }

    /**
     * A run whose tasks were only waiting when its agent stopped: at least one {@code waiting} or a map under way
     * (a {@code running} task with items stored: its items are rows, each resumable on its own), and no other
     * {@code running} one (a running attempt's outcome is lost with its process).
     */
    private static final String RESUMABLE = """
            runs.status = 'running'
            AND EXISTS (SELECT 1 FROM task_runs t WHERE t.run_id = runs.run_id AND (t.status = 'waiting'
                OR (t.status = 'running' AND EXISTS (SELECT 1 FROM map_items m
                    WHERE m.run_id = t.run_id AND m.task_id = t.task_id))))
            AND NOT EXISTS (SELECT 1 FROM task_runs t WHERE t.run_id = runs.run_id AND t.status = 'running'
                AND NOT EXISTS (SELECT 1 FROM map_items m WHERE m.run_id = t.run_id AND m.task_id = t.task_id))""";

    @Override
    public int markUnfinishedCrashed(String agentId, String reason, Instant at) {
        int crashed = jdbi.inTransaction(handle -> {
            List<String> runIds = handle.createQuery("SELECT run_id FROM runs WHERE agent_id = :agentId "
                            + "AND status IN ('queued', 'running') AND NOT (" + RESUMABLE + ") "
                            + "AND run_id NOT IN (SELECT run_id FROM dispatched_runs)")
                    .bind("agentId", agentId)
                    .mapTo(String.class)
                    .list();
            for (int from = 0; from < runIds.size(); from += 500) {
                crash(handle, runIds.subList(from, Math.min(runIds.size(), from + 500)), reason, at);
            }
            return runIds.size();
        });
        durability.await();
        return crashed;
    }

    @Override
    public List<TaskProcessGroup> findProcessGroupsOfUnfinishedRuns(String agentId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT g.run_id, g.task_id, g.attempt, g.group_id, g.leader_start_ticks FROM process_groups g
                        JOIN runs r ON r.run_id = g.run_id
                        WHERE r.agent_id = :agentId AND r.status IN ('queued', 'running')
                        ORDER BY g.run_id, g.task_id, g.attempt, g.group_id""")
                .bind("agentId", agentId)
                .map((row, context) -> new TaskProcessGroup(
                        row.getString("run_id"),
                        row.getString("task_id"),
                        row.getInt("attempt"),
                        row.getLong("group_id"),
                        row.getLong("leader_start_ticks")))
                .list());
    }

    @Override
    public List<String> findResumableRuns(String agentId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id FROM runs WHERE agent_id = :agentId AND "
                        + RESUMABLE + " ORDER BY created_at, run_id")
                .bind("agentId", agentId)
                .mapTo(String.class)
                .list());
    }

    @Override
    public List<String> adoptResumableRuns(String deadAgentId, String agentId) {
        List<String> adopted = new ArrayList<>();
        for (String runId : findResumableRuns(deadAgentId)) {
            boolean mine = jdbi.inTransaction(handle -> {
                // conditional on the old owner: of several agents taking over, the first one's update wins
                int moved = handle.createUpdate("UPDATE runs SET agent_id = :agentId WHERE run_id = :runId"
                                + " AND agent_id = :dead AND " + RESUMABLE)
                        .bind("agentId", agentId)
                        .bind("runId", runId)
                        .bind("dead", deadAgentId)
                        .execute();
                if (moved == 1) {
                    handle.createUpdate("UPDATE event_waits SET agent_id = :agentId WHERE run_id = :runId")
                            .bind("agentId", agentId)
                            .bind("runId", runId)
                            .execute();
                }
                return moved == 1;
            });
            if (mine) {
                adopted.add(runId);
            }
        }
        return adopted;
    }

    @Override
    public void crashRun(String runId, String reason, Instant at) {
        jdbi.useTransaction(handle -> crash(handle, List.of(runId), reason, at));
        durability.await();
    }

    private void crash(Handle handle, List<String> candidates, String reason, Instant at) {
        // a run that has ended meanwhile keeps its end, its tasks and its waits
        List<String> runIds = handle.createQuery("SELECT run_id FROM runs WHERE run_id IN (<runIds>) AND status IN "
                        + JdbiRunStore.UNFINISHED_RUN + " FOR UPDATE")
                .bindList("runIds", candidates)
                .mapTo(String.class)
                .list();
        if (runIds.isEmpty()) {
            return;
        }
        List<RunHours.Run> before = RunHours.read(handle, runIds, false);
        String text = JdbiRunStore.fit(reason, JdbiRunStore.SHORT_TEXT);
        handle.createUpdate("DELETE FROM event_waits WHERE run_id IN (<runIds>)")
                .bindList("runIds", runIds)
                .execute();
        handle.createUpdate("DELETE FROM process_groups WHERE run_id IN (<runIds>)")
                .bindList("runIds", runIds)
                .execute();
        handle.createUpdate("UPDATE attempts SET status = 'crashed', finished_at = :at, error_message = :reason "
                        + "WHERE status IN " + JdbiRunStore.UNFINISHED_ATTEMPT + " AND run_id IN (<runIds>)")
                .bind("at", at)
                .bind("reason", text)
                .bindList("runIds", runIds)
                .execute();
        handle.createUpdate("UPDATE task_runs SET status = 'crashed', finished_at = :at, reason = :reason "
                        + "WHERE status IN ('running', 'waiting', 'retrying') AND run_id IN (<runIds>)")
                .bind("at", at)
                .bind("reason", text)
                .bindList("runIds", runIds)
                .execute();
        // what never started did not crash: skipped, saying why
        handle.createUpdate("UPDATE task_runs SET status = 'skipped', finished_at = :at, reason = :reason "
                        + "WHERE status = 'pending' AND run_id IN (<runIds>)")
                .bind("at", at)
                .bind(
                        "reason",
                        JdbiRunStore.fit("not started: the run crashed (" + reason + ")", JdbiRunStore.SHORT_TEXT))
                .bindList("runIds", runIds)
                .execute();
        handle.createUpdate("UPDATE runs SET status = 'crashed', finished_at = :at, reason = :reason, "
                        + "reason_hash = :reasonHash WHERE status IN " + JdbiRunStore.UNFINISHED_RUN
                        + " AND run_id IN (<runIds>)")
                .bind("at", at)
                .bind("reason", text)
                .bind(
                        "reasonHash",
                        search.reason(
                                handle, text, RunSearch.newest(handle, runIds).orElse(at)))
                .bindList("runIds", runIds)
                .execute();
        hours.change(handle, before, RunHours.read(handle, runIds, false));
    }
}
