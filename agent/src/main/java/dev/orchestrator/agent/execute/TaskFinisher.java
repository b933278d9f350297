package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ends the attempts of one run, whichever way they end (their code returned, a grace period ran out, a wait or a
 * map ended, an operator marked the task): the outcome (an operator's mark waiting for the attempt decides it), the
 * output kept, the retry decided ({@link Retries}) and timed, the end recorded, the task's rollback started, and
 * {@code stop_on_failure} applied; then the run moves on. A task marked before it ran ends here too.
 *
 * <p>Not thread-safe: used under its coordinator's lock; a retry's delay comes back through {@link RunLoop#step}.
 */
final class TaskFinisher {

    private final Pipeline pipeline;
    private final String runId;
    private final SecretMasker masker;
    private final EngineServices services;
    private final TaskBoard board;
    private final RunAttempts attempts;
    private final RunRecorder recorder;
    private final RunTimers timers;
    private final Rollbacks rollbacks;
    private final Map<String, Object> outputs;
    private final RunCancellation cancellation;
    private final RunLoop loop;
    // operators' marks on running tasks, taken when their attempts have returned
    private final Map<String, TaskMarkRequest> marks = new LinkedHashMap<>();

    /** @param outputs the outputs of the run's tasks that succeeded so far, which this adds to */
    TaskFinisher(
            Pipeline pipeline,
            String runId,
            SecretMasker masker,
            EngineServices services,
            TaskBoard board,
            RunAttempts attempts,
            RunRecorder recorder,
            RunTimers timers,
            Rollbacks rollbacks,
            Map<String, Object> outputs,
            RunCancellation cancellation,
            RunLoop loop) {
        this.pipeline = pipeline;
        this.runId = runId;
        this.masker = masker;
        this.services = services;
        this.board = board;
        this.attempts = attempts;
        this.recorder = recorder;
        this.timers = timers;
        this.rollbacks = rollbacks;
        this.outputs = outputs;
        this.cancellation = cancellation;
        this.loop = loop;
    }

    /** The task's running attempt will end as the operator's mark says, whatever its code returns. */
    void endAsMarked(TaskMarkRequest request) {
        marks.put(request.taskId(), request);
    }

    /** A mark waits for the task's attempt to return. */
    boolean isMarked(String taskId) {
        return marks.containsKey(taskId);
    }

    /** The attempt ended as {@code ended}, with what its code {@code returned}: records it and moves the run on. */
    void finish(RunningAttempt attempt, TaskState ended, AttemptResult returned) {
        String taskId = attempt.taskId();
        // an operator's mark decides how the attempt ends, whatever its code returned
        Optional<TaskMarkRequest> mark = Optional.ofNullable(marks.remove(taskId));
        TaskState outcome = mark.map(TaskMarkRequest::state).orElse(ended);
        AttemptResult result = mark.map(TaskMarkRequest::asResult).orElse(returned);
        Task task = board.task(taskId);
        attempts.remove(taskId);
        Instant now = services.clock().instant();
        Optional<Throwable> error = outcome == TaskState.SUCCESS
                ? Optional.empty()
                : Optional.ofNullable(
                        attempt.isStopped()
                                ? new AttemptStoppedException(attempt.stopReason(), result.error())
                                : result.error());
        Optional<StoredOutput> stored = Optional.empty();
        Optional<Duration> retryDelay = Optional.empty();
        if (outcome == TaskState.SUCCESS) {
            outputs.put(taskId, result.output());
            stored = services.outputs().store(runId, taskId, result.output(), masker);
        } else if (!cancellation.underWay() && mark.isEmpty() && !task.isMap()) { // a map's retries count per item
            retryDelay =
                    Retries.decide(task, attempt.number(), outcome, error.orElse(null), ThreadLocalRandom.current());
        }
        TaskState taskState = retryDelay.isPresent() ? TaskState.RETRYING : outcome;
        List<LogLine> lastLines = attempt.context().taskLog().drainLast();
        board.set(taskId, taskState);
        recorder.attemptFinished(attempt, outcome, taskState, now, error, stored, lastLines);
        if (Rollbacks.isDue(task, taskState)) {
            rollbacks.start(task, attempt.number(), outputs);
        }
        mark.ifPresent(marked ->
                recorder.taskMarked(taskId, marked.record(now, masker), Optional.empty(), attempt.number(), false));
        if (retryDelay.isPresent()) {
            timers.retryIn(taskId, retryDelay.get(), () -> loop.step(() -> retryDue(taskId)));
        } else if (taskState != TaskState.SUCCESS
                && pipeline.stopOnFailure()
                && (mark.isEmpty() || taskState == TaskState.FAILED)) {
            board.stopStarting();
        }
        loop.pump();
    }

    /**
     * An operator marked a task not started, or waiting out a retry's delay: it ends as marked without another
     * attempt (the caller moves the run on).
     */
    void endWithoutAttempt(TaskMarkRequest request) {
        String taskId = request.taskId();
        timers.cancelRetry(taskId);
        board.forget(taskId);
        board.set(taskId, request.state());
        Optional<StoredOutput> output = Optional.empty();
        if (request.state() == TaskState.SUCCESS) {
            outputs.put(taskId, request.output());
            output = Optional.of(services.outputs()
                    .store(runId, taskId, request.output(), masker)
                    .orElse(new StoredOutput(Optional.empty(), Optional.empty(), 0)));
        }
        recorder.taskMarked(
                taskId, request.record(services.clock().instant(), masker), output, attempts.count(taskId), true);
        if (request.state() == TaskState.FAILED && pipeline.stopOnFailure()) {
            board.stopStarting();
        }
    }

    private void retryDue(String taskId) {
        if (timers.retryDue(taskId) && !cancellation.underWay()) {
            board.retryDue(taskId);
            loop.pump();
        }
    }
}
