package dev.orchestrator.agent.store;

import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deadlines of scheduled runs (issue 21): how far each pipeline's have been checked, and those missed. Shared by
 * every agent of a cluster: each miss is recorded once whoever sees it first, so one agent alerts. Thread-safe;
 * every method commits.
 */
public interface DeadlineStore {

    /** A run's times, as a deadline needs them. */
    record RunTimes(
            String runId,
            Instant logicalTime,
            RunState status,
            TriggerKind trigger,
            Instant createdAt,
            Optional<Instant> startedAt,
            Optional<Instant> finishedAt) {}

    /**
     * The time up to which the pipeline's deadlines have been checked. A pipeline asked about for the first time is
     * checked from {@code firstSeen} on: no deadline is invented for fires from before it was watched.
     */
    Instant checkedUntil(String pipelineId, Instant firstSeen);

    /** Moves the pipeline's mark forward to {@code until}; a mark already later stays. */
    void advanceCheckedUntil(String pipelineId, Instant until);

    /** The runs of the pipeline whose logical time is in {@code [from, to]}, oldest first. */
    List<RunTimes> runsScheduledBetween(String pipelineId, Instant from, Instant to);

    /** A run's times, if it exists. */
    Optional<RunTimes> runTimes(String runId);

    /**
     * Records a missed deadline unless it was recorded before, by this agent or another.
     *
     * @return true for the one caller that recorded it: that caller sends the alert
     */
    boolean recordMiss(MissedDeadline miss);

    Optional<MissedDeadline> findMiss(String pipelineId, Instant scheduledFor, Deadline.Kind kind);

    /**
     * Notes that the run of a missed finish deadline succeeded after all, at {@code finishedAt}.
     *
     * @return true for the one caller that noted it: that caller sends "finished late"
     */
    boolean markFinishedLate(String pipelineId, Instant scheduledFor, Instant finishedAt);

    /**
     * A page of the missed deadlines, newest scheduled time first.
     *
     * @param from inclusive, on the scheduled time
     * @param to   exclusive, on the scheduled time
     */
    Page<MissedDeadline> findMisses(
            Optional<String> pipelineId, Optional<Instant> from, Optional<Instant> to, int page, int size);

    /** Deletes the misses of runs scheduled before {@code cutoff}; returns how many. */
    int purgeMissesBefore(Instant cutoff);
}
