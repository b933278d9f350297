package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * Drives one run through its DAG (SPEC 4): starts each task as soon as its own dependencies allow (no layer
 * barrier), at most {@code max_concurrency} at once, in file order; retries, times out, cancels. Every state
 * change is committed to the store before it is acted on or announced. Waiting tasks — event waits, and
 * sensors between two pokes — are parked: they hold no thread and no slot, only a timer.
 *
 * <p>It decides; its collaborators keep the books: {@link TaskBoard} where each task stands, {@link RunRecorder}
 * what is committed and announced, {@link RunTimers} what is timed, {@link WaitingTasks} what is parked,
 * {@link Retries} and {@link RunOutcome} the pure rules, {@link RunAttempts} the attempts in flight.
 *
 * <p>Why what is left is one unit (under 600 lines): it is the run's state machine, and every step of it — an
 * attempt returning, a timer firing, a cancel, an event arriving — must read and change the board, the attempts,
 * the timers and the waits together under one lock, then move the run on ({@link #pump()}) exactly once. Split
 * across classes, the same lock and the same re-entrancy rule would have to be read in several files.
 *
 * <p>Thread-safety: all state is guarded by this object's lock; worker threads (attempts returning, and the work
 * of timers: timeouts, retries, grace periods) call in through synchronized methods.
 */
final class RunCoordinator {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final EngineServices services;
    private final SecretMasker masker;
    private final ConnectorPool pool;
    private final TaskBoard board;
    private final RunRecorder recorder;
    private final RunTimers timers;
    private final RunAttempts attempts;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final WaitingTasks waitingTasks;
    private final RunIfGate runIfGate;
    private final Rollbacks rollbacks;
    // operators' marks on running tasks, taken when their attempts have returned
    private final Map<String, TaskMarkRequest> marks = new LinkedHashMap<>();
    private final MapTasks maps;
    private final CompletableFuture<RunState> finished = new CompletableFuture<>();
    // set before the run starts by the thread that creates it, read by threads waiting for the run
    private volatile CompletableFuture<RunState> ended = finished;
    private RunState cancelledAs;
    private String cancelReason;
    // the agent stopped while this run only waited: it is left to the next start, and does nothing more here
    private boolean detached;
    private boolean pumping;
    private boolean pumpAgain;
    // the run has begun: before, it waits in its pipeline's queue and must not start tasks (a mark may come then)
    private boolean begun;

    RunCoordinator(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            SecretMasker masker,
            EngineServices services) {
        this.pipeline = pipeline;
        this.run = run;
        this.masker = masker;
        this.services = services;
        this.pool = new ConnectorPool(services.json(), masker);
        this.board = new TaskBoard(pipeline.tasks());
        this.recorder = new RunRecorder(pipeline, run, variables, masker, services);
        this.timers = new RunTimers(services.threads());
        this.attempts = new RunAttempts(pipeline, run, variables, masker, pool, services);
        this.waitingTasks = new WaitingTasks(run.runId(), variables, masker, board, services, new WaitingRun());
        this.runIfGate = new RunIfGate(services.templates(), variables);
        this.rollbacks = new Rollbacks(pipeline, run, variables, masker, pool, attempts, services, this::rollbackEnded);
        this.maps = new MapTasks(pipeline, run, variables, masker, pool, services, timers, new MapRun());
    }

    String runId() {
        return run.runId();
    }

    String pipelineId() {
        return run.pipelineId();
    }

    CompletableFuture<RunState> finished() {
        return finished;
    }

    /**
     * Has {@code action} run, on the finishing thread, once the run has finished; {@link #ended()} then completes
     * only after it ran, so whoever waits for the run sees what the action did (the run gone from the engine's
     * active runs). Before {@link #start()}.
     */
    void whenFinished(BiConsumer<? super RunState, ? super Throwable> action) {
        ended = finished.whenComplete(action);
    }

    /** The run finished, and the action given to {@link #whenFinished} ran. */
    CompletableFuture<RunState> ended() {
        return ended;
    }

    /** A successful task of an earlier run, taken over with its output before the run starts. */
    synchronized void reuse(String taskId, Object output) {
        board.set(taskId, TaskState.SUCCESS);
        outputs.put(taskId, output);
    }

    /** A task an operator marked skipped in an earlier run, kept skipped; before {@link #start()}. */
    synchronized void keepSkipped(String taskId) {
        board.set(taskId, TaskState.SKIPPED);
    }

    synchronized void start() {
        guarded(this::begin);
    }

    private void begin() {
        if (finished.isDone() || cancelledAs != null) {
            return; // cancelled while it waited in the queue
        }
        begun = true;
        recorder.runStarted();
        // a resumed run's limit counts from its first start
        Duration elapsed = run.startedAt()
                .map(start -> Duration.between(start, services.clock().instant()))
                .orElse(Duration.ZERO);
        pipeline.timeout()
                .ifPresent(limit -> timers.runTimeoutIn(
                        limit.minus(elapsed),
                        () -> cancel(
                                RunState.FAILED,
                                TaskState.TIMEOUT,
                                "the run timed out after " + Texts.seconds(limit) + " s")));
        pumping = true; // a restored wait whose event came meanwhile ends here: one round of the run after all
        try {
            waitingTasks.resumeRestored();
        } finally {
            pumping = false;
        }
        pump();
    }

    /**
     * Takes over a run that an earlier process of the agent left only waiting: every task where it stood, the
     * outputs of those that succeeded, waits and sensors parked as they were. Before {@link #start()}.
     */
    synchronized void restore(RunDetail detail, Set<String> tasksWithWaitRow, Map<String, Object> storedOutputs) {
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
                default -> {
                    board.set(taskId, task.status());
                    if (task.status() == TaskState.SUCCESS) {
                        outputs.put(taskId, storedOutputs.get(taskId));
                    }
                }
            }
        }
    }

    /** Stops the run: running attempts are stopped for real, nothing new starts, pending tasks are cancelled. */
    synchronized void cancel(RunState runState, TaskState runningTasksAs, String reason) {
        guarded(() -> stop(runState, runningTasksAs, reason));
    }

    private void stop(RunState runState, TaskState runningTasksAs, String reason) {
        if (finished.isDone() || cancelledAs != null || detached) {
            return;
        }
        cancelledAs = runState;
        cancelReason = reason;
        List<String> waiting = timers.cancelRetries();
        waiting.addAll(board.takeRetriesDue()); // due, but waiting for a free slot
        finishWithoutRunning(waiting, TaskState.CANCELLED, reason);
        board.redecideAllPending();
        waitingTasks.endAll(runningTasksAs, reason);
        for (RunningAttempt attempt : attempts.runningNow()) {
            stopAttempt(attempt, runningTasksAs, reason);
        }
        maps.stopAll(runningTasksAs, reason);
        pump();
    }

    /**
     * An operator marks a task ({@link RunControls#mark}): the run goes on from the mark. A task not started, or
     * waiting (its retry's delay, its event, its sensor's next poke), takes it at once; a running one is stopped,
     * and takes it when its attempt has returned.
     *
     * @return empty when the run has ended here: the mark is then for the stored run
     * @throws NoSuchTaskException      when the run has no such task
     * @throws TaskNotMarkableException when the task has ended already, or the run is being cancelled
     */
    synchronized Optional<MarkOutcome> mark(TaskMarkRequest request) {
        if (finished.isDone() || detached) {
            return Optional.empty();
        }
        String taskId = request.taskId();
        TaskState state = board.state(taskId);
        if (state == null) {
            throw new NoSuchTaskException(
                    "run " + run.runId(), taskId, board.states().keySet());
        }
        if (cancelledAs != null || marks.containsKey(taskId) || state.isTerminal()) {
            throw new TaskNotMarkableException(
                    cancelledAs != null
                            ? "run " + run.runId() + " is being stopped (" + cancelReason + "); mark the task once "
                                    + "it has ended, and retry it"
                            : "task '" + taskId + "' of run " + run.runId()
                                    + (marks.containsKey(taskId)
                                            ? " is being stopped for an earlier mark"
                                            : " has ended already as " + state.yamlName())
                                    + " while the run goes on; mark it once the run has ended: its retry goes on "
                                    + "from the mark");
        }
        MarkOutcome[] outcome = {MarkOutcome.MARKED};
        guarded(() -> outcome[0] = applyMark(request, state));
        return Optional.of(outcome[0]);
    }

    private MarkOutcome applyMark(TaskMarkRequest request, TaskState state) {
        String taskId = request.taskId();
        if (state == TaskState.RUNNING) {
            marks.put(taskId, request);
            stopAttempt(attempts.runningOf(taskId).orElseThrow(), request.state(), request.describe());
            return MarkOutcome.STOPPING;
        }
        Optional<RunningAttempt> waiting =
                state == TaskState.WAITING ? waitingTasks.endMarked(taskId, request.describe()) : Optional.empty();
        if (waiting.isPresent()) {
            marks.put(taskId, request);
            finishAttempt(waiting.get(), request.state(), request.asResult());
            return MarkOutcome.MARKED;
        }
        // not started, or waiting out a retry's delay: it ends without another attempt
        timers.cancelRetry(taskId);
        board.forget(taskId);
        board.set(taskId, request.state());
        Optional<StoredOutput> output = Optional.empty();
        if (request.state() == TaskState.SUCCESS) {
            outputs.put(taskId, request.output());
            output = Optional.of(services.outputs()
                    .store(run.runId(), taskId, request.output(), masker)
                    .orElse(new StoredOutput(Optional.empty(), Optional.empty(), 0)));
        }
        recorder.taskMarked(
                taskId, request.record(services.clock().instant(), masker), output, attempts.count(taskId), true);
        if (request.state() == TaskState.FAILED && pipeline.stopOnFailure()) {
            board.stopStarting();
        }
        if (begun) {
            pump(); // a run still queued goes on from the mark when it begins
        }
        return MarkOutcome.MARKED;
    }

    /** Log lines of running attempts, written now rather than when the attempts end. */
    void flushLogs() {
        for (RunningAttempt attempt : attempts.running()) {
            recorder.flushLogs(attempt);
        }
    }

    /**
     * Moves the run on. A step taken inside (a wait that finds its event already there ends at once) asks for
     * another round rather than nesting one, so the run is never finished twice.
     */
    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                if (finished.isDone()) {
                    return;
                }
                settlePendingTasks();
                startReadyTasks();
                finishIfDone();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    /** Decides the pending tasks whose dependencies changed, and records those that end without running. */
    private void settlePendingTasks() {
        List<String> gated;
        do {
            board.settle(cancelledAs != null)
                    .forEach((state, ids) -> recordWithoutRunning(ids, state, reasonFor(state)));
            gated = board.takeToGate();
            gated.forEach(this::applyRunIf);
        } while (!gated.isEmpty()); // a task its run_if ended decides its dependents in turn
    }

    private void applyRunIf(String taskId) {
        runIfGate
                .check(board.task(taskId), outputs)
                .ifPresentOrElse(
                        verdict -> {
                            finishWithoutRunning(List.of(taskId), verdict.state(), verdict.reason());
                            if (verdict.state() == TaskState.FAILED && pipeline.stopOnFailure()) {
                                board.stopStarting();
                            }
                        },
                        () -> board.passGate(taskId));
    }

    private void startReadyTasks() {
        if (cancelledAs != null) {
            return;
        }
        while (board.hasWaitToStart()) { // an event wait takes no slot
            waitingTasks.startWait(board.task(board.nextWaitToStart()));
        }
        while (attempts.runningCount() < pipeline.maxConcurrency() && board.hasTaskToStart()) {
            Task task = board.task(board.nextToStart());
            if (task.isMap()) { // its items take slots of their own (max_parallel)
                startMap(task);
                continue;
            }
            waitingTasks
                    .takeSensor(task.id())
                    .ifPresentOrElse(sensor -> execute(task, sensor), () -> startAttempt(task));
        }
    }

    private void startAttempt(Task task) {
        int number = attempts.next(task.id());
        Instant now = services.clock().instant();
        board.set(task.id(), TaskState.RUNNING);
        recorder.attemptStarted(task.id(), number, now);
        RunningAttempt attempt = attempts.create(task, number, now);
        attempt.addTimer(timers.forAttempt(task.timeout(), () -> attemptTimedOut(attempt)));
        execute(task, attempt);
    }

    private void startMap(Task task) {
        int number = attempts.next(task.id());
        Instant now = services.clock().instant();
        board.set(task.id(), TaskState.RUNNING);
        recorder.attemptStarted(task.id(), number, now);
        maps.begin(task, attempts.create(task, number, now), outputs);
    }

    /** An event may have reached this task's wait (told by whoever posted it, or found by a sweep). */
    synchronized void eventArrived(String taskId) {
        guarded(() -> waitingTasks.eventArrived(taskId));
    }

    /** A sensor's interval is over: its next poke waits for a slot like any task. */
    private synchronized void pokeDue(RunningAttempt attempt) {
        guarded(() -> {
            if (cancelledAs == null) {
                waitingTasks.pokeDue(attempt);
            }
        });
    }

    /** Runs the attempt's code (an action call, or a sensor's poke) on a worker thread. */
    private void execute(Task task, RunningAttempt attempt) {
        attempts.execute(
                task, attempt, task.passOutputFrom().map(outputs::get).orElse(null), outputs, this::attemptReturned);
    }

    private synchronized void attemptReturned(RunningAttempt attempt, AttemptResult result) {
        guarded(() -> attemptEnded(attempt, result));
    }

    private void attemptEnded(RunningAttempt attempt, AttemptResult result) {
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
        finishAttempt(attempt, outcome, result);
    }

    private synchronized void attemptTimedOut(RunningAttempt attempt) {
        guarded(() -> {
            if (waitingTasks.holds(attempt)) {
                waitingTasks.timedOut(attempt);
            } else {
                stopAttempt(
                        attempt,
                        TaskState.TIMEOUT,
                        "attempt " + attempt.number() + " of task '" + attempt.taskId() + "' timed out after "
                                + Texts.seconds(board.task(attempt.taskId()).timeout()) + " s");
            }
        });
    }

    private void stopAttempt(RunningAttempt attempt, TaskState as, String reason) {
        if (attempt.stop(as, reason)) {
            Duration grace = services.settings().gracePeriod();
            timers.forAttempt(grace, () -> graceExpired(attempt));
        }
    }

    /** The stopped attempt's code did not return in time: kill its processes and go on without it. */
    private synchronized void graceExpired(RunningAttempt attempt) {
        guarded(() -> abandon(attempt));
    }

    private void abandon(RunningAttempt attempt) {
        attempt.context().kill();
        if (!attempt.end()) {
            return;
        }
        attempt.context()
                .log()
                .error("the attempt did not stop within the grace period of "
                        + Texts.seconds(services.settings().gracePeriod()) + " s; its thread was abandoned");
        finishAttempt(
                attempt,
                attempt.stoppedAs(),
                AttemptResult.failure(new IllegalStateException(
                        attempt.stopReason() + "; the code did not stop within the grace period and was abandoned")));
    }

    private void finishAttempt(RunningAttempt attempt, TaskState ended, AttemptResult returned) {
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
            stored = services.outputs().store(run.runId(), taskId, result.output(), masker);
        } else if (cancelledAs == null && mark.isEmpty() && !task.isMap()) { // a map's retries count per item
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
            timers.retryIn(taskId, retryDelay.get(), () -> retryDue(taskId));
        } else if (taskState != TaskState.SUCCESS
                && pipeline.stopOnFailure()
                && (mark.isEmpty() || taskState == TaskState.FAILED)) {
            board.stopStarting();
        }
        pump();
    }

    private synchronized void rollbackEnded() {
        guarded(this::pump);
    }

    private synchronized void retryDue(String taskId) {
        guarded(() -> {
            if (timers.retryDue(taskId) && cancelledAs == null) {
                board.retryDue(taskId);
                pump();
            }
        });
    }

    /**
     * Runs one step of the state machine. Whatever goes wrong inside (the store refusing a write, a disk full,
     * a bug), the run must not stay "running": it is stopped and recorded as crashed, with the reason.
     */
    private void guarded(Runnable step) {
        if (detached) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void crash(Throwable error) {
        if (finished.isDone()) {
            return;
        }
        String reason = recorder.crashReason(error);
        attempts.running().forEach(attempt -> attempt.stop(TaskState.CRASHED, reason));
        waitingTasks.abandonAll();
        maps.abandonAll();
        timers.cancelAll();
        pool.closeAll();
        recorder.runCrashed(reason, error);
        finished.complete(RunState.CRASHED);
    }

    private void finishWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        taskIds.forEach(taskId -> board.set(taskId, state));
        recordWithoutRunning(taskIds, state, reason);
    }

    private void recordWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        recorder.finishedWithoutRunning(taskIds, state, reason, attempts::count);
    }

    private String reasonFor(TaskState state) {
        return switch (state) {
            case SKIPPED ->
                board.isStopping()
                        ? "not started: an earlier task failed and stop_on_failure is true"
                        : "not started: its trigger_rule does not hold";
            case UPSTREAM_FAILED -> "not started: a task it depends on did not succeed";
            case CANCELLED -> cancelReason;
            default -> null;
        };
    }

    private void finishIfDone() {
        if (!attempts.noneRunning() || timers.hasRetriesWaiting() || !board.allFinished() || rollbacks.anyRunning()) {
            return;
        }
        RunOutcome outcome = cancelledAs != null
                ? RunOutcome.stopped(board, cancelledAs, Optional.ofNullable(cancelReason))
                : RunOutcome.of(board);
        timers.cancelRunTimeout();
        pool.closeAll();
        Texts.deleteQuietly(services.settings().scratchRoot().resolve(run.runId()));
        finished.complete(recorder.runFinished(outcome));
    }

    /**
     * At shutdown: when nothing of this run is running, only waiting (and no cancel under way), the run is left
     * as the store has it — running, its tasks waiting — for the next start to resume, and does nothing more here.
     *
     * @return true when it was left so
     */
    synchronized boolean detachIfOnlyWaiting() {
        if (detached) {
            return true;
        }
        if (finished.isDone()
                || cancelledAs != null
                || !attempts.noneRunning()
                || maps.anyRunning()
                || waitingTasks.isEmpty()) {
            return false;
        }
        detached = true;
        waitingTasks.detach();
        timers.cancelAll();
        pool.closeAll();
        return true;
    }

    /** One step of a map task (an item returning, a timer firing), under the lock; then the run moves on. */
    private synchronized void mapStep(Runnable work) {
        guarded(() -> {
            work.run();
            pump();
        });
    }

    /** This coordinator as its map tasks see it. */
    private final class MapRun implements MapTask.Run {

        @Override
        public void step(Runnable work) {
            mapStep(work);
        }

        @Override
        public void finish(RunningAttempt mapAttempt, TaskState outcome, AttemptResult result) {
            finishAttempt(mapAttempt, outcome, result);
        }
    }

    /** This coordinator as its waiting tasks see it; they call in under its lock. */
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
            RunCoordinator.this.execute(task, attempt);
        }

        @Override
        public void finish(RunningAttempt attempt, TaskState outcome, AttemptResult result) {
            finishAttempt(attempt, outcome, result);
        }

        @Override
        public void pump() {
            RunCoordinator.this.pump();
        }

        @Override
        public void timeoutAfter(RunningAttempt attempt, Duration delay) {
            attempt.addTimer(timers.forAttempt(delay, () -> attemptTimedOut(attempt)));
        }

        @Override
        public void pokeAfter(RunningAttempt attempt, Duration delay) {
            attempt.wakeUpWith(timers.forAttempt(delay, () -> pokeDue(attempt)));
        }
    }
}
