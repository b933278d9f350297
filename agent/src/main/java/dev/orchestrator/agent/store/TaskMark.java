package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's mark on a task (issue 20): the state it was given by hand instead of by running.
 *
 * @param state  success, failed or skipped
 * @param by     who marked it: the name of the API token used, or {@code token} for the agent's one token
 * @param reason why, as the operator said it (masked)
 */
public record TaskMark(TaskState state, String by, Optional<String> reason, Instant at) {

    /** The task's reason, as run detail shows it. */
    public String describe() {
        return "marked " + state.yamlName() + " by " + by
                + reason.map(text -> ": " + text).orElse("");
    }
}
