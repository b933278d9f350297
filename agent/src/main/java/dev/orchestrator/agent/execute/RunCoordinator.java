package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Drives one run through its DAG (SPEC 4): begins it, moves it on after every step ({@link #pump()}) until every
 * task has ended, and ends it — finished with its outcome ({@link RunOutcome}), cancelled, crashed, or left to the
 * next start of the agent while it only waits. Every state change is committed to the store before it is acted on
 * or announced ({@link RunRecorder}).
 *
 * <p>It builds the run's parts and holds the lock they share; each does one job: {@link TaskStarter} decides the
 * pending tasks and starts the ready ones, {@link AttemptSupervisor} runs and watches the attempts (and owns the
 * parked ones, {@link WaitingTasks}), {@link TaskFinisher} ends them (outcome, retry, rollback), {@link TaskMarks}
 * takes an operator's marks, {@link MapTasks} runs the {@code for_each} tasks, {@link RunStartingPoint} sets a
 * retried or resumed run where it starts from, {@link RunEnding} ends the run; {@link TaskBoard} holds where each
 * task stands, {@link RunAttempts} the attempts, {@link RunTimers} the timers, {@link RunCancellation} a cancel
 * under way. The parts come back in through {@link RunLoop}: a step under the lock, and a {@link #pump()} that is
 * never nested.
 *
 * <p>Thread-safety: all state of the run is guarded by this object's lock; worker threads (attempts returning, and
 * the work of timers: timeouts, retries, grace periods) call in through synchronized methods, each a step that
 * crashes the run, rather than leave it running, when it throws.
 */
final class RunCoordinator {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final EngineServices services;
    private final TaskBoard board;
    private final RunRecorder recorder;
    private final RunTimers timers;
    private final RunAttempts attempts;
    private final RunCancellation cancellation = new RunCancellation();
    private final AttemptSupervisor supervisor;
    private final WaitingTasks waitingTasks;
    private final MapTasks maps;
    private final TaskStarter starter;
    private final TaskMarks marks;
    private final RunStartingPoint startingPoint;
    private final RunEnding ending;
    // set before the run starts by the thread that creates it, read by threads waiting for the run
    private volatile CompletableFuture<RunState> ended;
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
        this.services = services;
        ConnectorPool pool = new ConnectorPool(services.json(), masker);
        this.board = new TaskBoard(pipeline.tasks());
        this.recorder = new RunRecorder(pipeline, run, variables, masker, services);
        this.timers = new RunTimers(services.threads());
        this.attempts = new RunAttempts(pipeline, run, variables, masker, pool, services);
        // the outputs of the tasks that succeeded so far, by task id: what templates see as outputs.<task>
        Map<String, Object> outputs = new LinkedHashMap<>();
        RunLoop loop = new Loop();
        Rollbacks rollbacks =
                new Rollbacks(pipeline, run, variables, masker, pool, attempts, services, () -> loop.step(this::pump));
        TaskFinisher finisher = new TaskFinisher(
                pipeline,
                run.runId(),
                masker,
                services,
                board,
                attempts,
                recorder,
                timers,
                rollbacks,
                outputs,
                cancellation,
                loop);
        this.supervisor = new AttemptSupervisor(
                run.runId(),
                variables,
                masker,
                services,
                board,
                attempts,
                recorder,
                timers,
                outputs,
                finisher,
                cancellation,
                loop);
        this.waitingTasks = supervisor.waitingTasks();
        this.maps = new MapTasks(pipeline, run, variables, outputs, masker, pool, services, timers, loop, finisher);
        PoolGate pools = new PoolGate(services.settings().pools(), run.runId(), loop);
        ResourceGate resources = new ResourceGate(services.settings().resources(), run.runId(), loop);
        this.starter = new TaskStarter(
                pipeline,
                variables,
                services,
                board,
                recorder,
                attempts,
                maps,
                supervisor,
                outputs,
                cancellation,
                pools,
                resources);
        this.marks = new TaskMarks(run.runId(), board, attempts, supervisor, finisher, cancellation, loop);
        this.startingPoint = new RunStartingPoint(board, attempts, waitingTasks, maps, outputs);
        this.ending = new RunEnding(
                run, services, pool, board, attempts, timers, rollbacks, recorder, supervisor, maps, cancellation);
        // finished or crashed, under the lock: slots an attempt left are given back, queued tasks leave
        this.ended = ending.finished().whenComplete((state, error) -> {
            pools.runEnded();
            resources.runEnded();
        });
    }

    String runId() {
        return run.runId();
    }

    String pipelineId() {
        return run.pipelineId();
    }

    /** What started the run: {@link TriggerKind#PIPELINE} for a child run of a {@code pipeline:} task. */
    TriggerKind trigger() {
        return run.trigger();
    }

    CompletableFuture<RunState> finished() {
        return ending.finished();
    }

    /**
     * Has {@code action} run, on the finishing thread, once the run has finished; {@link #ended()} then completes
     * only after it ran, so whoever waits for the run sees what the action did (the run gone from the engine's
     * active runs). Before {@link #start()}.
     */
    void whenFinished(BiConsumer<? super RunState, ? super Throwable> action) {
        ended = ending.finished().whenComplete(action);
    }

    /** The run finished, and the action given to {@link #whenFinished} ran. */
    CompletableFuture<RunState> ended() {
        return ended;
    }

    /** A successful task of an earlier run, taken over with its output before the run starts. */
    synchronized void reuse(String taskId, Object output) {
        startingPoint.reuse(taskId, output);
    }

    /** A task an operator marked skipped in an earlier run, kept skipped; before {@link #start()}. */
    synchronized void keepSkipped(String taskId) {
        startingPoint.keepSkipped(taskId);
    }

    synchronized void start() {
        guarded(this::begin);
    }

    private void begin() {
        if (ending.isFinished() || cancellation.underWay()) {
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
            maps.resumeRestored();
        } finally {
            pumping = false;
        }
        pump();
    }

    /** Takes over a run that an earlier process of the agent left only waiting; before {@link #start()}. */
    synchronized void restore(RunDetail detail, Set<String> tasksWithWaitRow, Map<String, Object> storedOutputs) {
        startingPoint.restore(detail, tasksWithWaitRow, storedOutputs);
    }

    /** Stops the run: running attempts are stopped for real, nothing new starts, pending tasks are cancelled. */
    synchronized void cancel(RunState runState, TaskState runningTasksAs, String reason) {
        guarded(() -> stop(runState, runningTasksAs, reason));
    }

    private void stop(RunState runState, TaskState runningTasksAs, String reason) {
        if (ending.isFinished() || cancellation.underWay() || ending.isDetached()) {
            return;
        }
        cancellation.begin(runState, reason);
        List<String> waiting = timers.cancelRetries();
        waiting.addAll(board.takeRetriesDue()); // due, but waiting for a free slot
        waiting.addAll(starter.leaveQueues()); // waiting for a pool's slots or this agent's resources
        starter.endWithoutRunning(waiting, TaskState.CANCELLED, reason);
        board.redecideAllPending();
        supervisor.stopAll(runningTasksAs, reason);
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
        if (ending.isFinished() || ending.isDetached()) {
            return Optional.empty();
        }
        TaskState state = marks.markable(request.taskId());
        MarkOutcome[] outcome = {MarkOutcome.MARKED};
        guarded(() -> outcome[0] = marks.apply(request, state, begun));
        return Optional.of(outcome[0]);
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
                if (ending.isFinished()) {
                    return;
                }
                starter.settlePendingTasks();
                starter.startReadyTasks();
                ending.finishIfDone();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    /** An event may have reached this task's wait (told by whoever posted it, or found by a sweep). */
    synchronized void eventArrived(String taskId) {
        guarded(() -> waitingTasks.eventArrived(taskId));
    }

    /**
     * Runs one step of the state machine. Whatever goes wrong inside (the store refusing a write, a disk full,
     * a bug), the run must not stay "running": it is stopped and recorded as crashed, with the reason.
     */
    private void guarded(Runnable step) {
        if (ending.isDetached()) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            ending.crash(e);
        }
    }

    /**
     * At shutdown: when nothing of this run is running, only waiting (and no cancel under way), the run is left
     * as the store has it — running, its tasks waiting — for the next start to resume, and does nothing more here.
     *
     * @return true when it was left so
     */
    synchronized boolean detachIfOnlyWaiting() {
        return ending.detachIfOnlyWaiting();
    }

    /** The agent is stopping: the run's maps start no more items, so that they can be left to the next start. */
    synchronized void holdMaps() {
        guarded(maps::holdAll);
    }

    /** The agent's grace is over: see {@link RunEnding#interruptMaps}; false when the run is to be cancelled. */
    synchronized boolean interruptMaps(String reason) {
        boolean[] interrupted = {false};
        guarded(() -> interrupted[0] = ending.interruptMaps(reason));
        return interrupted[0];
    }

    /** This coordinator as its parts see it: a step under its lock, and the run moved on. */
    private final class Loop implements RunLoop {

        @Override
        public void step(Runnable work) {
            synchronized (RunCoordinator.this) {
                guarded(work);
            }
        }

        @Override
        public void pump() {
            RunCoordinator.this.pump();
        }
    }
}
