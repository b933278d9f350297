package dev.orchestrator.agent.execute;

import java.util.Optional;

/** What became of a scheduled fire handed to {@link RunExecutor#startScheduled}. */
public record ScheduledOutcome(Kind kind, Optional<String> runId, Optional<Busy> busy, Optional<String> reason) {

    public ScheduledOutcome(Kind kind, Optional<String> runId) {
        this(kind, runId, Optional.empty(), Optional.empty());
    }

    /**
     * Why a fire was skipped: the runs of its pipeline the decision counted, and whether it counted those of
     * the whole cluster or this agent's.
     */
    public record Busy(int running, boolean inCluster) {}

    static ScheduledOutcome skipped(int running, boolean inCluster) {
        return new ScheduledOutcome(
                Kind.SKIPPED_BUSY, Optional.empty(), Optional.of(new Busy(running, inCluster)), Optional.empty());
    }

    static ScheduledOutcome refused(String reason) {
        return new ScheduledOutcome(Kind.REFUSED, Optional.empty(), Optional.empty(), Optional.of(reason));
    }

    public enum Kind {
        /** A run was created and started. */
        STARTED,
        /** A run was created for another, less busy agent of the cluster, which starts it. */
        HANDED_OVER,
        /** Not run: the pipeline has {@code max_instances} runs going (on this agent, or in the cluster). */
        SKIPPED_BUSY,
        /** Not run here: another agent of the cluster took the fire over. */
        CLAIMED_ELSEWHERE,
        /** Not run: the pipeline's parameter declarations refuse the fire's values (see {@code reason}). */
        REFUSED
    }

    static final ScheduledOutcome ELSEWHERE = new ScheduledOutcome(Kind.CLAIMED_ELSEWHERE, Optional.empty());
}
