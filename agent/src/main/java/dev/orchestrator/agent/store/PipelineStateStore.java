package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the agent must remember about each pipeline across restarts: whether it is paused, its failure streak
 * for alerts, the scheduled fires that did not become runs, and which agent took each scheduled fire. Shared by
 * every agent of a cluster. Thread-safe; every method commits.
 */
public interface PipelineStateStore {

    Set<String> pausedPipelines();

    void setPaused(String pipelineId, boolean paused, Instant at);

    /** The failure streak of a pipeline, for {@code failure_threshold}. */
    AlertState alertState(String pipelineId);

    void saveAlertState(String pipelineId, AlertState state, Instant at);

    void recordScheduleEvent(String pipelineId, Instant scheduledFor, String kind, String message, Instant at);

    List<ScheduleEvent> scheduleEvents(String pipelineId, int limit);

    /**
     * A page of the fires that did not become runs, newest scheduled time first.
     *
     * @param from inclusive, on the scheduled time
     * @param to   exclusive, on the scheduled time
     */
    Page<ScheduleEvent> findScheduleEvents(
            Optional<String> pipelineId, Optional<Instant> from, Optional<Instant> to, int page, int size);

    /**
     * Claims a scheduled fire for {@code agentId}, which holds it ({@code handed_over}) until its time comes and
     * then settles it: with a run ({@link RunStore#insertScheduledRuns}) or with {@link #settleFire}. Agents of a
     * cluster can be handed the same fire (Quartz's recovery of an agent wrongly thought dead, a trigger set again
     * while its fire was on its way); only one claim succeeds.
     *
     * @param fireTime the fire time to the second, as the run's logical time will be
     * @return false when the fire was claimed before, by any agent
     */
    boolean claimFire(String pipelineId, Instant fireTime, String agentId, Instant at);

    /**
     * Claims fires that are handled at once (missed fires caught up), settled from the start.
     *
     * @return the fire times this agent got, in the given order; the others were claimed before
     */
    List<Instant> claimSettledFires(String pipelineId, List<Instant> fireTimes, String agentId, Instant at);

    /**
     * Settles a fire handed over to {@code agentId} without a run (skipped, or recorded as not run).
     *
     * @return false when the fire is no longer this agent's to settle (taken over, see {@link #takeOverFires})
     */
    boolean settleFire(String pipelineId, Instant fireTime, String agentId);

    /**
     * Gives up a fire handed over to {@code agentId} and not started (the agent is stopping): the claim goes, so
     * that whoever fires it next, this agent after a restart or another of the cluster, can claim it.
     *
     * @return false when the fire is no longer this agent's (taken over, see {@link #takeOverFires})
     */
    boolean releaseFire(String pipelineId, Instant fireTime, String agentId);

    /**
     * Takes the fires a dead agent was handed and never settled over for {@code agentId}, settled: each goes to
     * exactly one taker, and the dead agent, should it come back, can no longer start them.
     *
     * @return the fires taken over, oldest first
     */
    List<Fire> takeOverFires(String deadAgentId, String agentId, Instant at);

    /** The latest fire of the pipeline that any agent claimed, if a claim is kept. */
    Optional<Instant> lastClaimedFire(String pipelineId);

    /** Forgets claims made before {@code cutoff}. */
    int purgeFiresBefore(Instant cutoff);

    /**
     * @param consecutiveFailures runs in a row that failed, up to the last success
     * @param alerted             whether the failure alert for this streak went out (so a "recovered" is due)
     */
    record AlertState(int consecutiveFailures, boolean alerted) {
        public static final AlertState CLEAR = new AlertState(0, false);
    }

    /** A scheduled fire of a pipeline, its time to the second. */
    record Fire(String pipelineId, Instant fireTime) {}

    /** A fire that did not become a run. */
    record ScheduleEvent(String pipelineId, Instant scheduledFor, Instant notedAt, String kind, String message) {}
}
