package dev.orchestrator.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a pipeline: a call of {@code action} on a {@code connector}, a wait for an event, a wait for an
 * operator's approval, or a call of another pipeline. String values in {@code connectorConfig} and {@code actionKwargs} are templates rendered when
 * the task starts.
 *
 * @param timeout   per attempt
 * @param logBudget how much of each attempt's log is stored, when the task says so itself
 * @param forEach   {@code for_each} (with {@code max_parallel}): the task runs once per item of a list
 * @param call      {@code pipeline} with {@code params}: the task runs another pipeline instead of a connector
 *                  ({@code connector} and {@code action} are then empty)
 * @param runIf     {@code run_if}: a template rendered once after the dependencies finish; a false, empty or
 *                  zero value skips the task with the reason "run_if was false: <template>"
 * @param cache     {@code cache}: reuse a stored output of the same task definition and key
 * @param rollback  {@code rollback}: an action of the same connector run once after the task failed for good
 * @param approval  {@code approval}: the task waits for an operator to approve or reject it (its timeout is the
 *                  task's {@code timeout}); it calls no connector
 * @param pool      {@code pool} with {@code pool_slots}, its own or its pipeline's: the slots of a shared pool
 *                  each attempt holds while it runs
 * @param resources {@code resources}, its own keys or its pipeline's: what each attempt may use of its agent while
 *                  it runs ({@link ResourceProfile#NONE} when neither says)
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
        Optional<TaskLogBudget> logBudget,
        Optional<ForEach> forEach,
        Optional<PipelineCall> call,
        Optional<String> runIf,
        Optional<TaskCache> cache,
        Optional<Rollback> rollback,
        Optional<Approval> approval,
        Optional<PoolClaim> pool,
        ResourceProfile resources) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Task {
        connectorConfig = ImmutableValues.map(connectorConfig);
        actionKwargs = ImmutableValues.map(actionKwargs);
        dependsOn = List.copyOf(dependsOn);
    }

    /** True for a {@code for_each} task (a map of items). */
    public boolean isMap() {
        return forEach.isPresent();
    }

    /**
     * True for a task that calls a connector: neither a wait for an event, nor an approval, nor a call of another
     * pipeline.
     */
    public boolean callsConnector() {
        return waitFor.isEmpty() && call.isEmpty() && approval.isEmpty();
    }
}
