package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * One run as stored.
 *
 * @param logicalTime  the time templates are computed from, in the pipeline's zone
 * @param params       the run's parameters, defaults merged, secrets masked
 * @param reason       why it ended as it did, when that is worth saying (crash, timeout, cancel)
 * @param triggerDepth how many trigger: hops led to this run (0 for anything else)
 * @param revision     the revision of its pipeline it ran ({@code PipelineRevision}); empty for runs from before
 *                     revisions were kept, and for pipelines not loaded from the config directory
 */
public record RunRecord(
        String runId,
        String pipelineId,
        RunState status,
        TriggerKind trigger,
        ZonedDateTime logicalTime,
        Map<String, Object> params,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> reason,
        Optional<String> parentRunId,
        int triggerDepth,
        String agentId,
        Optional<String> revision) {

    /** A run that names no revision. */
    public RunRecord(
            String runId,
            String pipelineId,
            RunState status,
            TriggerKind trigger,
            ZonedDateTime logicalTime,
            Map<String, Object> params,
            Instant createdAt,
            Optional<Instant> startedAt,
            Optional<Instant> finishedAt,
            Optional<String> reason,
            Optional<String> parentRunId,
            int triggerDepth,
            String agentId) {
        this(
                runId,
                pipelineId,
                status,
                trigger,
                logicalTime,
                params,
                createdAt,
                startedAt,
                finishedAt,
                reason,
                parentRunId,
                triggerDepth,
                agentId,
                Optional.empty());
    }
}
