package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's mark on one task of one run (issue 20): the state the task takes instead of running (success,
 * failed or skipped), the output it then has, who marks it and why.
 *
 * @param outputGiven false when no output was given: a task marked success then keeps the output it has (none,
 *                    when it did not succeed)
 * @param by          who marks it (the API token's name)
 */
public record TaskMarkRequest(
        String taskId, TaskState state, boolean outputGiven, Object output, String by, Optional<String> reason) {

    public TaskMarkRequest {
        if (state != TaskState.SUCCESS && state != TaskState.FAILED && state != TaskState.SKIPPED) {
            throw new IllegalArgumentException("a task is marked success, failed or skipped, not " + state.yamlName());
        }
    }

    /** What the mark tells the run's log, and the task's error when it is not a success. */
    String describe() {
        return "marked " + state.yamlName() + " by " + by
                + reason.map(text -> ": " + text).orElse("");
    }

    /** As an attempt's result: the output for a success, else the mark as its error. */
    AttemptResult asResult() {
        return state == TaskState.SUCCESS
                ? AttemptResult.success(output)
                : AttemptResult.failure(new AttemptStoppedException(describe(), null));
    }

    /** The mark as stored, its reason masked. */
    TaskMark record(Instant at, dev.orchestrator.secret.SecretMasker masker) {
        return new TaskMark(state, by, reason.map(masker::mask), at);
    }
}
