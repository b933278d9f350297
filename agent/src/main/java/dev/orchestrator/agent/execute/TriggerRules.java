package dev.orchestrator.agent.execute;

import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerRule;
import java.util.Collection;

/** What becomes of a pending task, given its dependencies' states (SPEC 4). Stateless. */
final class TriggerRules {

    enum Decision {
        WAIT,
        READY,
        SKIP,
        UPSTREAM_FAILED
    }

    private TriggerRules() {}

    /**
     * @param stopping true once stop_on_failure has tripped: tasks that need their dependencies to succeed do not
     *                 start any more; tasks declared for failures ({@code all_done}, {@code one_failed}) still do,
     *                 since handling the failure is their job; {@code none_failed} does not start either
     */
    static Decision decide(TriggerRule rule, Collection<TaskState> dependencies, boolean stopping) {
        if (stopping && (rule == TriggerRule.ALL_SUCCESS || rule == TriggerRule.NONE_FAILED)) {
            return Decision.SKIP;
        }
        if (!dependencies.stream().allMatch(TaskState::isTerminal)) {
            return Decision.WAIT;
        }
        return switch (rule) {
            case ALL_DONE -> Decision.READY;
            // skipped dependencies (run_if false, or skipped in turn) do not stop it; a failed one does
            case NONE_FAILED ->
                dependencies.stream().anyMatch(state -> state.isFailure() || state == TaskState.UPSTREAM_FAILED)
                        ? Decision.UPSTREAM_FAILED
                        : Decision.READY;
            case ONE_FAILED ->
                dependencies.stream().anyMatch(state -> state.isFailure() || state == TaskState.UPSTREAM_FAILED)
                        ? Decision.READY
                        : Decision.SKIP;
            case ALL_SUCCESS -> {
                if (dependencies.stream().allMatch(state -> state == TaskState.SUCCESS)) {
                    yield Decision.READY;
                }
                boolean upstreamProblem = dependencies.stream()
                        .anyMatch(state -> state != TaskState.SUCCESS && state != TaskState.SKIPPED);
                yield upstreamProblem ? Decision.UPSTREAM_FAILED : Decision.SKIP;
            }
        };
    }
}
