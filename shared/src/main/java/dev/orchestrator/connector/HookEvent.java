package dev.orchestrator.connector;

import java.util.Map;
import java.util.Optional;

/**
 * What a hook is told.
 *
 * @param taskId for a task's hook, the task; empty for a pipeline's
 * @param status the final state, such as {@code success} or {@code failed}
 * @param error  the first line of the first error, when there was one (secrets masked)
 */
public record HookEvent(
        String pipelineId,
        String runId,
        Optional<String> taskId,
        String status,
        Map<String, Object> params,
        Optional<String> error) {}
