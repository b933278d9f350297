package dev.orchestrator.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a pipeline: a call of {@code action} on a {@code connector} (or, for a waiting task, a wait for
 * an event). String values in {@code connectorConfig} and {@code actionKwargs} are templates rendered when the
 * task starts.
 *
 * @param timeout   per attempt
 * @param logBudget how much of each attempt's log is stored, when the task says so itself
 */
public record Task(
        String id,
        String name,
        String connector,
        Map<String, Object> connectorConfig,
        String action,
        Map<String, Object> actionKwargs,
        List<String> dependsOn,
        Optional<String> passOutputFrom,
        RetryPolicy retry,
        Duration timeout,
        TriggerRule triggerRule,
        Optional<HookRef> onSuccess,
        Optional<HookRef> onFailure,
        Optional<WaitFor> waitFor,
        Optional<Sensor> sensor,
        Optional<TaskLogBudget> logBudget) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Task {
        connectorConfig = ImmutableValues.map(connectorConfig);
        actionKwargs = ImmutableValues.map(actionKwargs);
        dependsOn = List.copyOf(dependsOn);
    }
}
