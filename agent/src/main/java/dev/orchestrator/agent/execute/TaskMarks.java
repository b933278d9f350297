package dev.orchestrator.agent.execute;

import dev.orchestrator.model.TaskState;
import java.util.Optional;

/**
 * An operator's marks on the tasks of one live run ({@link RunControls#mark}): whether a task may be marked now, and
 * the mark taken — at once by a task not started or waiting (its retry's delay, its event, its sensor's next
 * poke), when its attempt has returned by a running one, which is stopped. The run goes on from the mark.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class TaskMarks {

    private final String runId;
    private final TaskBoard board;
    private final RunAttempts attempts;
    private final AttemptSupervisor supervisor;
    private final TaskFinisher finisher;
    private final RunCancellation cancellation;
    private final RunLoop loop;

    TaskMarks(
            String runId,
            TaskBoard board,
            RunAttempts attempts,
            AttemptSupervisor supervisor,
            TaskFinisher finisher,
            RunCancellation cancellation,
            RunLoop loop) {
        this.runId = runId;
        this.board = board;
        this.attempts = attempts;
        this.supervisor = supervisor;
        this.finisher = finisher;
        this.cancellation = cancellation;
        this.loop = loop;
    }

    /**
     * @return where the task stands now, which the mark is taken from
     * @throws NoSuchTaskException      when the run has no such task
     * @throws TaskNotMarkableException when the task has ended already, or the run is being cancelled
     */
    TaskState markable(String taskId) {
        TaskState state = board.state(taskId);
        if (state == null) {
            throw new NoSuchTaskException("run " + runId, taskId, board.states().keySet());
        }
        if (cancellation.underWay() || finisher.isMarked(taskId) || state.isTerminal()) {
            throw new TaskNotMarkableException(
                    cancellation.underWay()
                            ? "run " + runId + " is being stopped (" + cancellation.reason() + "); mark the task once "
                                    + "it has ended, and retry it"
                            : "task '" + taskId + "' of run " + runId
                                    + (finisher.isMarked(taskId)
                                            ? " is being stopped for an earlier mark"
                                            : " has ended already as " + state.yamlName())
                                    + " while the run goes on; mark it once the run has ended: its retry goes on "
                                    + "from the mark");
        }
        return state;
    }

    /**
     * Takes the mark on a task that was {@code state} ({@link #markable}).
     *
     * @param begun false while the run waits in its pipeline's queue: it goes on from the mark when it begins
     */
    MarkOutcome apply(TaskMarkRequest request, TaskState state, boolean begun) {
        String taskId = request.taskId();
        if (state == TaskState.RUNNING) {
            finisher.endAsMarked(request);
            supervisor.stop(attempts.runningOf(taskId).orElseThrow(), request.state(), request.describe());
            return MarkOutcome.STOPPING;
        }
        Optional<RunningAttempt> waiting = state == TaskState.WAITING
                ? supervisor.waitingTasks().endMarked(taskId, request.describe())
                : Optional.empty();
        if (waiting.isPresent()) {
            finisher.endAsMarked(request);
            finisher.finish(waiting.get(), request.state(), request.asResult());
            return MarkOutcome.MARKED;
        }
        finisher.endWithoutAttempt(request); // not started, or waiting out a retry's delay
        if (begun) {
            loop.pump(); // a run still queued goes on from the mark when it begins
        }
        return MarkOutcome.MARKED;
    }
}
