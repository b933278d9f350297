package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which agent of a cluster runs which run: scheduled runs one agent creates for another, taken once by that
 * agent or handed on when it is gone, a pipeline's unfinished runs counted across the cluster, and cancels asked of
 * the agent running a run.
 * Implementations must be thread-safe.
 */
public interface RunHandOvers {

    /**
     * Inserts the runs of scheduled fires in one transaction, each only if its fire is still handed over to
     * {@code agentId} (see {@link PipelineStateStore#claimFire}), and settles those fires in the same transaction.
     * A run whose fire was taken over by another agent meanwhile is left out: a fire becomes one run at most.
     * A run whose {@code agent_id} is another agent's is handed over to it: that agent takes it with
     * {@link #takeHandedOverRuns}.
     *
     * @return the ids of the runs inserted
     */
    Set<String> insertScheduledRuns(String agentId, List<RunLifecycle.NewRun> runs);

    /**
     * The pipeline's runs {@code queued} or {@code running} on the agents of the cluster (those with a heartbeat
     * row), and those handed over and not yet taken.
     */
    int countUnfinished(String pipelineId);

    /** The runs handed over to this agent that it has not taken yet, oldest first. */
    List<String> handedOverRuns(String agentId);

    /**
     * Takes one run handed over to this agent: true for one call only, and only while the run is still handed to
     * it (not handed on meanwhile, as when it was taken for dead).
     */
    boolean takeHandedOverRun(String runId, String agentId);

    /** Takes every run handed over to this agent, oldest first ({@link #takeHandedOverRun} each). */
    default List<String> takeHandedOverRuns(String agentId) {
        return handedOverRuns(agentId).stream()
                .filter(runId -> takeHandedOverRun(runId, agentId))
                .toList();
    }

    /**
     * Hands the runs handed over to {@code fromAgentId} and not yet taken on to {@code toAgentId}: when that
     * agent is found dead, or leaves the cluster.
     *
     * @return how many runs were handed on
     */
    int handOnUntakenRuns(String fromAgentId, String toAgentId);

    /**
     * Asks for a run's cancel through the database, as the API does for a run another agent runs
     * ({@link CancelRequestStore#request}): the agent running it takes the request (its {@code ClusterInbox}). For a
     * child run whose caller stopped waiting for it, when the child goes on on another agent of the cluster (one of
     * them took it, or its caller, over from a dead agent).
     */
    void requestCancel(String runId, String reason, Instant at);

    /**
     * Agents that runs were handed to, not yet taken, and that have no heartbeat row: gone from the cluster (a
     * clean stop racing a hand-over to it), so that a live agent takes their runs.
     */
    List<String> agentsWithUntakenRunsAndNoHeartbeat();
}
