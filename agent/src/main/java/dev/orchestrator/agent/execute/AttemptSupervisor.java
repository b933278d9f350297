package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The attempts of one run from their start to their end: starts one, runs its code on a worker, and watches it —
 * its timeout, a stop and its grace period, abandoning code that does not stop, a sensor whose condition does not
 * hold yet parked until its next poke ({@link WaitingTasks}, which it owns). How an attempt's end is recorded is
 * the {@link TaskFinisher}'s job.
 *
 * <p>Not thread-safe: used under its coordinator's lock; workers and timers come back through {@link RunLoop#step}.
 */
final class AttemptSupervisor {

    private final EngineServices services;
    private final TaskBoard board;
    private final RunAttempts attempts;
    private final RunRecorder recorder;
    private final RunTimers timers;
    private final Map<String, Object> outputs;
    private final TaskFinisher finisher;
    private final RunCancellation cancellation;
    private final RunLoop loop;
    private final WaitingTasks waitingTasks;

    /** @param outputs the outputs of the run's tasks that succeeded so far, read when an attempt starts */
    AttemptSupervisor(
            String runId,
            Map<String, Object> variables,
            SecretMasker masker,
            EngineServices services,
            TaskBoard board,
            RunAttempts attempts,
            RunRecorder recorder,
            RunTimers timers,
            Map<String, Object> outputs,
            TaskFinisher finisher,
            RunCancellation cancellation,
            RunLoop loop) {
        this.services = services;
        this.board = board;
        this.attempts = attempts;
        this.recorder = recorder;
        this.timers = timers;
        this.outputs = outputs;
        this.finisher = finisher;
        this.cancellation = cancellation;
        this.loop = loop;
        this.waitingTasks = new WaitingTasks(
                runId,
                variables,
                masker,
                board,
                services,
                new WaitingRun(),
                new CallWaiting(attempts.run(), variables, masker, outputs, services));
    }

    /** The run's parked attempts: event waits, and sensors between two pokes. */
    WaitingTasks waitingTasks() {
        return waitingTasks;
    }

    /** Starts the task's next attempt, with its timeout, and runs its code. */
    void start(Task task) {
        int number = attempts.next(task.id());
        Instant now = services.clock().instant();
        board.set(task.id(), TaskState.RUNNING);
        recorder.attemptStarted(task.id(), number, now);
        RunningAttempt attempt = attempts.create(task, number, now);
        attempt.addTimer(timers.forAttempt(task.timeout(), () -> loop.step(() -> timedOut(attempt))));
        execute(task, attempt);
    }

    /** Runs the attempt's code (an action call, or a sensor's poke) on a worker thread. */
    void execute(Task task, RunningAttempt attempt) {
        attempts.execute(
                task,
                attempt,
                task.passOutputFrom().map(outputs::get).orElse(null),
                outputs,
                (running, result) -> loop.step(() -> returned(running, result)));
    }

    private void returned(RunningAttempt attempt, AttemptResult result) {
        if (attempt.isStopped()) {
            attempt.context().kill(); // whatever the code left running does not outlive the attempt
        }
        Task task = board.task(attempt.taskId());
        if (task.sensor().isPresent() && !attempt.isStopped() && !attempt.isEnded() && !result.failed()) {
            if (!SensorCondition.holds(result.output())) {
                attempts.remove(task.id());
                waitingTasks.notYet(attempt, task, result.output());
                return;
            }
            attempt.context()
                    .log()
                    .info("poke " + attempt.pokes() + ": the condition holds (result: "
                            + SensorCondition.describe(result.output()) + ")");
        }
        if (!attempt.end()) {
            return; // already ended by its grace period running out
        }
        TaskState outcome =
                attempt.isStopped() ? attempt.stoppedAs() : result.failed() ? TaskState.FAILED : TaskState.SUCCESS;
        finisher.finish(attempt, outcome, result);
    }

    private void timedOut(RunningAttempt attempt) {
        if (waitingTasks.holds(attempt)) {
            waitingTasks.timedOut(attempt);
        } else {
            stop(
                    attempt,
                    TaskState.TIMEOUT,
                    "attempt " + attempt.number() + " of task '" + attempt.taskId() + "' timed out after "
                            + Texts.seconds(board.task(attempt.taskId()).timeout()) + " s");
        }
    }

    /** Stops the attempt's code; it ends as {@code as} when it returns, or when its grace period runs out. */
    void stop(RunningAttempt attempt, TaskState as, String reason) {
        if (attempt.stop(as, reason)) {
            Duration grace = services.settings().gracePeriod();
            timers.forAttempt(grace, () -> loop.step(() -> abandon(attempt)));
        }
    }

    /** The run stops: every wait ends as {@code as}, and every attempt running its code is stopped. */
    void stopAll(TaskState as, String reason) {
        waitingTasks.endAll(as, reason);
        for (RunningAttempt attempt : attempts.runningNow()) {
            stop(attempt, as, reason);
        }
    }

    /** The run crashed: running attempts are told to stop, waits stop their timers; nothing more is recorded. */
    void abandonAll(String reason) {
        attempts.running().forEach(attempt -> attempt.stop(TaskState.CRASHED, reason));
        waitingTasks.abandonAll();
    }

    /** The stopped attempt's code did not return in time: kill its processes and go on without it. */
    private void abandon(RunningAttempt attempt) {
        attempt.context().kill();
        if (!attempt.end()) {
            return;
        }
        attempt.context()
                .log()
                .error("the attempt did not stop within the grace period of "
                        + Texts.seconds(services.settings().gracePeriod()) + " s; its thread was abandoned");
        finisher.finish(
                attempt,
                attempt.stoppedAs(),
                AttemptResult.failure(new IllegalStateException(
                        attempt.stopReason() + "; the code did not stop within the grace period and was abandoned")));
    }

    /** A sensor's interval is over: its next poke waits for a slot like any task. */
    private void pokeDue(RunningAttempt attempt) {
        if (!cancellation.underWay()) {
            waitingTasks.pokeDue(attempt);
        }
    }

    /** These attempts as their waiting tasks see them; they call in under the coordinator's lock. */
    private final class WaitingRun implements WaitingTasks.Run {

        @Override
        public RunningAttempt newAttempt(Task task, int number, Instant startedAt) {
            return attempts.create(task, number, startedAt);
        }

        @Override
        public int nextAttemptNumber(String taskId) {
            return attempts.next(taskId);
        }

        @Override
        public void execute(Task task, RunningAttempt attempt) {
            AttemptSupervisor.this.execute(task, attempt);
        }

        @Override
        public void finish(RunningAttempt attempt, TaskState outcome, AttemptResult result) {
            finisher.finish(attempt, outcome, result);
        }

        @Override
        public void pump() {
            loop.pump();
        }

        @Override
        public void timeoutAfter(RunningAttempt attempt, Duration delay) {
            attempt.addTimer(timers.forAttempt(delay, () -> loop.step(() -> timedOut(attempt))));
        }

        @Override
        public void pokeAfter(RunningAttempt attempt, Duration delay) {
            attempt.wakeUpWith(timers.forAttempt(delay, () -> loop.step(() -> pokeDue(attempt))));
        }
    }
}
