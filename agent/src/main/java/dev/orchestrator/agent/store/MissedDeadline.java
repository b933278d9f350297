package dev.orchestrator.agent.store;

import dev.orchestrator.model.Deadline;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A deadline that a scheduled run missed, as recorded once for the whole cluster.
 *
 * @param scheduledFor   the fire time, the run's logical time
 * @param zone           the pipeline's zone, in which the times are shown
 * @param rule           the deadline as the file says it, such as {@code finish_by "07:00"}
 * @param runId          the run of that fire, if one was created
 * @param runStatus      its state when the deadline passed ({@code queued}, {@code running}, {@code failed}, ...)
 * @param situation      what was known of the run then, in words ("running since 06:00:02", "never created")
 * @param raisedBy       the agent that recorded it and sent the alert
 * @param lateFinishedAt when the run succeeded after all, past its finish deadline
 */
public record MissedDeadline(
        String pipelineId,
        Instant scheduledFor,
        Deadline.Kind kind,
        ZoneId zone,
        String rule,
        Instant dueAt,
        Optional<String> runId,
        Optional<String> runStatus,
        String situation,
        Instant raisedAt,
        String raisedBy,
        Optional<Instant> lateFinishedAt) {

    /** By how many minutes the run finished late, if it did. */
    public Optional<Long> lateByMinutes() {
        return lateFinishedAt.map(finished -> lateByMinutes(dueAt, finished));
    }

    /** Whole minutes, rounded up: a run a few seconds late is "1 min" late, never "0 min". */
    public static long lateByMinutes(Instant due, Instant finished) {
        long millis = Math.max(0, java.time.Duration.between(due, finished).toMillis());
        return (millis + 59_999) / 60_000;
    }
}
