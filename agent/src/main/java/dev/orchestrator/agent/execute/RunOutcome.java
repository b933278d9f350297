package dev.orchestrator.agent.execute;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a run ended, read from where its tasks stand once none is left to run (SPEC 4): failed when a task failed,
 * timed out, crashed or did not run because one of those did; otherwise a success. Immutable.
 *
 * @param reason      why, as stored with the run (unmasked)
 * @param failedTasks the tasks that failed themselves (not those that only did not run), for notifications
 */
record RunOutcome(RunState state, Optional<String> reason, List<String> failedTasks) {

    private static final Set<TaskState> RUN_FAILURES =
            EnumSet.of(TaskState.FAILED, TaskState.TIMEOUT, TaskState.UPSTREAM_FAILED, TaskState.CRASHED);

    /** A run that ran to its end. */
    static RunOutcome of(TaskBoard board) {
        return of(board.states(), Optional.empty(), Optional.empty());
    }

    /** A run that was stopped (cancelled, or timed out) as {@code state}, for {@code reason}, when given. */
    static RunOutcome stopped(TaskBoard board, RunState state, Optional<String> reason) {
        return of(board.states(), Optional.of(state), reason);
    }

    static RunOutcome of(Map<String, TaskState> tasks, Optional<RunState> stoppedAs, Optional<String> stopReason) {
        List<String> notSucceeded = tasks.entrySet().stream()
                .filter(entry -> RUN_FAILURES.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        RunState state = stoppedAs.orElse(notSucceeded.isEmpty() ? RunState.SUCCESS : RunState.FAILED);
        Optional<String> reason = stopReason.or(() -> state == RunState.FAILED
                ? Optional.of("failed tasks: " + Texts.listed(notSucceeded))
                : Optional.empty());
        List<String> failedTasks = tasks.entrySet().stream()
                .filter(entry ->
                        RUN_FAILURES.contains(entry.getValue()) && entry.getValue() != TaskState.UPSTREAM_FAILED)
                .map(Map.Entry::getKey)
                .toList();
        return new RunOutcome(state, reason, failedTasks);
    }
}
