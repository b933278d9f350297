package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;

/**
 * Runs an agent left unfinished, when it starts again or another agent of the cluster takes it for dead: marked
 * crashed, or, when they were only waiting, found to go on or taken over. Implementations must be thread-safe.
 */
public interface RunRecovery {

    /**
     * The process groups recorded for attempts of runs this agent left {@code queued} or {@code running}: what
     * {@link #markUnfinishedCrashed} is about to mark crashed may have left processes behind. Call it first.
     */
    List<TaskProcessGroup> findProcessGroupsOfUnfinishedRuns(String agentId);

    /**
     * Marks every run this agent left {@code queued} or {@code running}, and their unfinished tasks and
     * attempts, as {@code crashed} with {@code reason} — except resumable runs ({@link #findResumableRuns}) and
     * runs handed over to it and not yet taken ({@link RunHandOvers#takeHandedOverRuns}): nothing of theirs has run.
     *
     * @return how many runs were marked
     */
    int markUnfinishedCrashed(String agentId, String reason, Instant at);

    /**
     * Runs this agent left {@code running} whose tasks were only waiting (for an event, or a sensor between
     * pokes), or were {@code for_each} maps under way, none other running when it stopped: nothing of theirs was
     * lost but the outcome of items running then, so they go on when the agent starts.
     */
    List<String> findResumableRuns(String agentId);

    /**
     * Takes the resumable runs of a dead agent of the cluster ({@link #findResumableRuns}) over for
     * {@code agentId}: each run, and its event waits, becomes that agent's, so that its waits go on there. Of
     * several agents taking over at once, one gets each run.
     *
     * @return the ids of the runs taken over, oldest first
     */
    List<String> adoptResumableRuns(String deadAgentId, String agentId);

    /**
     * Ends one unfinished run as {@code crashed}, with its tasks not yet ended, and drops its event waits. A run
     * that has ended already is left as it is.
     */
    void crashRun(String runId, String reason, Instant at);
}
