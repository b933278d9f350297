package dev.orchestrator.api;

import java.time.OffsetDateTime;

/**
 * One column of the run grid: a run.
 *
 * @param logicalTime the run's logical time, with the offset of the pipeline's time zone
 * @param status      the run's state, as the API spells it ({@code success}, {@code failed}, ...)
 * @param agentId     the agent that ran it (in a cluster, any agent sharing the history)
 */
public record GridRunDto(
        String runId, OffsetDateTime logicalTime, String status, String agentId, OffsetDateTime createdAt) {}
