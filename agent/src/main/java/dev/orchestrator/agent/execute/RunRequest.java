package dev.orchestrator.agent.execute;

import dev.orchestrator.model.TriggerKind;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Why and how a run is started.
 *
 * @param logicalTime  the time templates see; empty means now
 * @param params       parameters over the pipeline's {@code params:} defaults
 * @param triggerDepth trigger: hops that led here
 * @param parentRunId  the run that started this one (a trigger: hook) or that this one retries
 */
public record RunRequest(
        TriggerKind trigger,
        Optional<ZonedDateTime> logicalTime,
        Map<String, Object> params,
        int triggerDepth,
        Optional<String> parentRunId) {

    public RunRequest {
        // JSON parameters may hold nulls, which Map.copyOf refuses
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    public RunRequest withTrigger(TriggerKind kind) {
        return new RunRequest(kind, logicalTime, params, triggerDepth, parentRunId);
    }

    public static RunRequest manual(Map<String, Object> params) {
        return new RunRequest(TriggerKind.MANUAL, Optional.empty(), params, 0, Optional.empty());
    }
}
