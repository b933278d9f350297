package dev.orchestrator.agent.execute;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run that has just ended, as hooks and alerts need it.
 *
 * @param params      the run's real parameters (not masked: a trigger: hook passes them on)
 * @param failedTasks tasks that failed, timed out or crashed, in file order
 * @param firstError  the first line of the first failed task's error, masked
 */
public record FinishedRun(
        String runId,
        String pipelineId,
        RunState state,
        int triggerDepth,
        Map<String, Object> params,
        List<String> failedTasks,
        Optional<String> firstError,
        TriggerKind trigger) {}
