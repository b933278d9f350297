package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;

/**
 * A deadline a scheduled run missed, as {@code GET /api/v1/deadlines} lists it.
 *
 * @param kind           {@code start} or {@code finish}
 * @param deadline       as the file says it, such as {@code finish_by "07:00"}
 * @param situation      what was known of the run when the deadline passed
 * @param lateFinishedAt when the run succeeded after all, or null
 * @param lateByMinutes  by how much it finished late, or null
 */
public record MissedDeadline(
        String pipelineId,
        OffsetDateTime scheduledFor,
        String kind,
        String deadline,
        OffsetDateTime dueAt,
        String runId,
        String runStatus,
        String situation,
        OffsetDateTime lateFinishedAt,
        Long lateByMinutes) {}
