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
        String agentId) {}
