package dev.orchestrator.model;

import java.util.Map;

/**
 * A task's {@code rollback: { action, action_kwargs }}: a compensation run once after the task has failed for good
 * (all retries spent) or timed out. It calls {@code action} on the task's own connector, with the task's
 * {@code connector_config} and the same template variables; its outcome is recorded on the task and never changes
 * the run's state.
 *
 * @param action       a method of the task's connector
 * @param actionKwargs its arguments; string values are templates
 */
public record Rollback(String action, Map<String, Object> actionKwargs) {

    public Rollback {
        actionKwargs = ImmutableValues.map(actionKwargs);
    }
}
