package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Where the tasks of one run stand before it begins, when it does not begin from nothing: a retry reuses the
 * outputs of tasks that succeeded before and keeps the tasks an operator marked skipped; a run taken over from an
 * earlier process of the agent goes on with every task, attempt count, output and wait as that process left them.
 *
 * <p>Not thread-safe: used under its coordinator's lock, before the run starts.
 */
final class RunStartingPoint {

    private final TaskBoard board;
    private final RunAttempts attempts;
    private final WaitingTasks waitingTasks;
    private final MapTasks maps;
    private final Map<String, Object> outputs;

    /** @param outputs the outputs of the run's tasks that succeeded, which those taken over join */
    RunStartingPoint(
            TaskBoard board,
            RunAttempts attempts,
            WaitingTasks waitingTasks,
            MapTasks maps,
            Map<String, Object> outputs) {
        this.board = board;
        this.attempts = attempts;
        this.waitingTasks = waitingTasks;
        this.maps = maps;
        this.outputs = outputs;
    }

    /** A successful task of an earlier run, taken over with its output. */
    void reuse(String taskId, Object output) {
        board.set(taskId, TaskState.SUCCESS);
        outputs.put(taskId, output);
    }

    /** A task an operator marked skipped in an earlier run, kept skipped. */
    void keepSkipped(String taskId) {
        board.set(taskId, TaskState.SKIPPED);
    }

    /**
     * Takes over a run that an earlier process of the agent left only waiting: every task where it stood, the
     * outputs of those that succeeded, waits and sensors parked as they were, maps to go on from their items.
     */
    void restore(RunDetail detail, Set<String> tasksWithWaitRow, Map<String, Object> storedOutputs) {
        for (TaskRunRecord task : detail.tasks()) {
            String taskId = task.taskId();
            attempts.restoreCount(taskId, task.attemptCount());
            switch (task.status()) {
                case PENDING -> {
                    // decided again when the run begins
                }
                case RETRYING -> {
                    board.set(taskId, TaskState.RETRYING);
                    board.retryDue(taskId); // its wait may be over; if not, one early attempt costs little
                }
                case WAITING -> waitingTasks.restore(board.task(taskId), task, tasksWithWaitRow.contains(taskId));
                case RUNNING -> { // only a map is left running (RunResumption.obstacle): its items are rows
                    board.set(taskId, TaskState.RUNNING);
                    Instant startedAt = task.attempts().isEmpty()
                            ? task.startedAt().orElseThrow()
                            : task.attempts().get(task.attempts().size() - 1).startedAt();
                    maps.restore(
                            board.task(taskId),
                            attempts.create(board.task(taskId), task.attemptCount(), startedAt),
                            outputs);
                }
                default -> {
                    board.set(taskId, task.status());
                    if (task.status() == TaskState.SUCCESS) {
                        outputs.put(taskId, storedOutputs.get(taskId));
                    }
                }
            }
        }
    }
}
