package dev.orchestrator.model;

import java.time.Duration;
import java.util.Map;

/**
 * A task's {@code pipeline: <id>} with its {@code params: {...}}: the task starts a run of another pipeline (a child
 * run, whose trigger is "pipeline"), waits for it, and succeeds with the child's outputs (a map of its task ids to their
 * outputs) or fails with the child's failure. Such a task calls no connector: it has no {@code connector},
 * {@code action}, {@code connector_config}, {@code action_kwargs} or {@code rollback}.
 *
 * @param pipelineId the called pipeline's id
 * @param params     the child run's parameters, over the child pipeline's own defaults; string values are
 *                   templates rendered when the task starts (they may read {@code outputs.<task>} of the
 *                   task's dependencies, and {@code item} in a {@code for_each} task)
 */
public record PipelineCall(String pipelineId, Map<String, Object> params) {

    /** How long a call waits for its child run when the task gives no {@code timeout_seconds}: a child may be long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

    public PipelineCall {
        params = ImmutableValues.map(params);
    }
}
