package dev.orchestrator.agent.store;

import java.util.Map;
import java.util.Optional;

/**
 * How one run is linked to others by {@code pipeline:} calls (issue 19): the task of its parent run that called it
 * (the parent run itself is {@link RunRecord#parentRunId()}), and the child run each of its calling tasks started.
 *
 * @param parentTaskId the calling task of the parent run, when a {@code pipeline:} task started this run
 * @param childRunIds  by task id, the child run each calling task started (its latest attempt's)
 */
public record CallLinks(Optional<String> parentTaskId, Map<String, String> childRunIds) {

    /** A run that neither was called nor called another. */
    public static final CallLinks NONE = new CallLinks(Optional.empty(), Map.of());

    public CallLinks {
        childRunIds = Map.copyOf(childRunIds);
    }

    public Optional<String> childRunOf(String taskId) {
        return Optional.ofNullable(childRunIds.get(taskId));
    }
}
