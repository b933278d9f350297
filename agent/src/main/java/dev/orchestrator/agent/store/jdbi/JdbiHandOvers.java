package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunHandOvers;
import dev.orchestrator.agent.store.RunLifecycle.NewRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link RunHandOvers} on Jdbi, for {@link JdbiRunStore}: which agent of a cluster runs which run: scheduled runs
 * one agent created for another ({@code dispatched_runs}), taken once by that agent or handed on when it is gone,
 * the count of a pipeline's unfinished runs across the cluster, and cancels asked of the agent running a run.
 * Thread-safe.
 */
final class JdbiHandOvers implements RunHandOvers {

    private final Jdbi jdbi;
    private final JdbiRunLifecycle lifecycle;
    private final GroupCommit durability;
    private final JdbiCancelRequestStore cancels;

    JdbiHandOvers(Jdbi jdbi, JdbiRunLifecycle lifecycle, GroupCommit durability) {
        this.jdbi = jdbi;
        this.lifecycle = lifecycle;
        this.durability = durability;
        this.cancels = new JdbiCancelRequestStore(jdbi);
    }

    @Override
    public void requestCancel(String runId, String reason, Instant at) {
        cancels.request(runId, reason, at);
    }

    @Override
    public Set<String> insertScheduledRuns(String agentId, List<NewRun> runs) {
        if (runs.isEmpty()) {
            return Set.of();
        }
        Set<String> inserted = jdbi.inTransaction(handle -> {
            // row locks: an agent taking the same fire over waits for this transaction, then finds it settled
            PreparedBatch settle = handle.prepareBatch("""
                    UPDATE schedule_fires SET state = 'settled' WHERE pipeline_id = :pipelineId
                    AND fire_time = :fireTime AND agent_id = :agentId AND state = 'handed_over'""");
            for (NewRun newRun : runs) {
                settle.bind("pipelineId", newRun.run().pipelineId())
                        .bind("fireTime", newRun.run().logicalTime().toInstant())
                        .bind("agentId", agentId)
                        .add();
            }
            int[] settled = settle.execute();
            List<NewRun> claimed = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (settled[i] == 1) {
                    claimed.add(runs.get(i));
                }
            }
            lifecycle.insert(handle, claimed);
            record(handle, agentId, claimed);
            Set<String> runIds = new LinkedHashSet<>();
            claimed.forEach(newRun -> runIds.add(newRun.run().runId()));
            return runIds;
        });
        durability.await();
        return inserted;
    }

    /** Records, in the transaction that inserts them, which of {@code runs} were made for another agent. */
    private static void record(Handle handle, String firingAgentId, List<NewRun> runs) {
        PreparedBatch handOver = handle.prepareBatch("""
                INSERT INTO dispatched_runs (run_id, agent_id, dispatched_at) VALUES (:runId, :agentId, :at)""");
        boolean any = false;
        for (NewRun newRun : runs) {
            if (!newRun.run().agentId().equals(firingAgentId)) {
                handOver.bind("runId", newRun.run().runId())
                        .bind("agentId", newRun.run().agentId())
                        .bind("at", newRun.run().createdAt())
                        .add();
                any = true;
            }
        }
        if (any) {
            handOver.execute();
        }
    }

    @Override
    public int countUnfinished(String pipelineId) {
        // status first: the few unfinished rows through runs_by_status, not the pipeline's whole history. Runs of
        // an agent that left the cluster cleanly (only waiting ones stay unfinished) wait for its return and do
        // not hold the others back
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM runs WHERE status IN ('queued', 'running') AND pipeline_id = :pipelineId
                        AND (agent_id IN (SELECT agent_id FROM agent_heartbeats)
                            OR run_id IN (SELECT run_id FROM dispatched_runs))""")
                .bind("pipelineId", pipelineId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public List<String> handedOverRuns(String agentId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT run_id FROM dispatched_runs WHERE agent_id = :agentId ORDER BY dispatched_at, run_id""")
                .bind("agentId", agentId)
                .mapTo(String.class)
                .list());
    }

    @Override
    public boolean takeHandedOverRun(String runId, String agentId) {
        // conditional on the owner: a run handed on meanwhile (this agent taken for dead) is not taken
        return jdbi.withHandle(handle -> handle.createUpdate(
                                "DELETE FROM dispatched_runs WHERE run_id = :runId AND agent_id = :agentId")
                        .bind("runId", runId)
                        .bind("agentId", agentId)
                        .execute())
                == 1;
    }

    @Override
    public int handOnUntakenRuns(String fromAgentId, String toAgentId) {
        return jdbi.inTransaction(handle -> {
            // the hand-over rows locked first: an agent taken for dead that is only slow, taking its runs at this
            // moment, waits and then finds them gone, or has taken them and they are not handed on
            List<String> runIds = handle.createQuery(
                            "SELECT run_id FROM dispatched_runs WHERE agent_id = :from ORDER BY run_id FOR UPDATE")
                    .bind("from", fromAgentId)
                    .mapTo(String.class)
                    .list();
            for (String runId : runIds) {
                handle.createUpdate("UPDATE dispatched_runs SET agent_id = :to WHERE run_id = :runId")
                        .bind("to", toAgentId)
                        .bind("runId", runId)
                        .execute();
                handle.createUpdate("UPDATE runs SET agent_id = :to WHERE run_id = :runId")
                        .bind("to", toAgentId)
                        .bind("runId", runId)
                        .execute();
            }
            return runIds.size();
        });
    }

    @Override
    public List<String> agentsWithUntakenRunsAndNoHeartbeat() {
        return jdbi.withHandle(
                handle -> handle.createQuery("""
                        SELECT DISTINCT d.agent_id FROM dispatched_runs d WHERE NOT EXISTS
                            (SELECT 1 FROM agent_heartbeats h WHERE h.agent_id = d.agent_id) ORDER BY d.agent_id""").mapTo(String.class).list());
    }
}
