package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.AttemptOutcome;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskProcessGroup;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Drives one run through its DAG (SPEC 4): starts each task as soon as its own dependencies allow (no layer
 * barrier), at most {@code max_concurrency} at once, in file order; retries, times out, cancels. Every state
 * change is committed to the store before it is acted on or announced. Waiting tasks — event waits, and
 * sensors between two pokes — are parked: they hold no thread and no slot, only a timer.
 *
 * <p>Thread-safety: all state is guarded by this object's lock; worker threads (attempts returning) and timer
 * threads (timeouts, retries, grace periods) call in through synchronized methods.
 */
final class RunCoordinator {

    private static final Set<TaskState> RUN_FAILURES =
            EnumSet.of(TaskState.FAILED, TaskState.TIMEOUT, TaskState.UPSTREAM_FAILED, TaskState.CRASHED);

    private final Pipeline pipeline;
    private final RunRecord run;
    private final EngineServices services;
    private final SecretMasker masker;
    private final Map<String, Object> variables;
    private final ConnectorPool pool;
    // the plugins' versions when the run started: one changed meanwhile serves the runs started after it
    private final ConnectorRegistry connectors;
    private final TaskBoard board;
    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final Map<String, RunningAttempt> running = new ConcurrentHashMap<>();
    private final WaitingTasks waitingTasks;
    private final Map<String, ScheduledFuture<?>> retryTimers = new LinkedHashMap<>();
    private final CompletableFuture<RunState> finished = new CompletableFuture<>();
    private RunState cancelledAs;
    private TaskState stopRunningAs;
    private String cancelReason;
    private ScheduledFuture<?> runTimeout;
    private String firstError;
    // the agent stopped while this run only waited: it is left to the next start, and does nothing more here
    private boolean detached;
    private boolean pumping;
    private boolean pumpAgain;

    RunCoordinator(Pipeline pipeline, RunRecord run, Map<String, Object> variables, SecretMasker masker,
                   EngineServices services) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
        this.masker = masker;
        this.services = services;
        this.pool = new ConnectorPool(services.json(), masker);
        this.connectors = services.runner().installed();
        this.board = new TaskBoard(pipeline.tasks());
        this.waitingTasks = new WaitingTasks(run.runId(), variables, masker, board, services, new WaitingRun());
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

    /** A successful task of an earlier run, taken over with its output before the run starts. */
    synchronized void reuse(String taskId, Object output) {
        board.set(taskId, TaskState.SUCCESS);
        outputs.put(taskId, output);
    }

    synchronized void start() {
        guarded(this::begin);
    }

    private void begin() {
        if (finished.isDone() || cancelledAs != null) {
            return; // cancelled while it waited in the queue
        }
        if (run.status() != RunState.RUNNING) { // a run created to start at once was stored as running already
            services.store().markRunStarted(run.runId(), services.clock().instant());
        }
        services.observer().runChanged(run.runId(), run.pipelineId(), RunState.RUNNING);
        // a resumed run's limit counts from its first start
        Duration elapsed = run.startedAt().map(start -> Duration.between(start, services.clock().instant()))
                .orElse(Duration.ZERO);
        pipeline.timeout().ifPresent(limit -> runTimeout = services.timers().schedule(() -> cancel(RunState.FAILED,
                        TaskState.TIMEOUT, "the run timed out after " + Texts.seconds(limit) + " s"),
                Math.max(0, limit.minus(elapsed).toMillis()), TimeUnit.MILLISECONDS));
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
    synchronized void restore(RunDetail detail, Set<String> tasksWithWaitRow,
                              Map<String, Object> storedOutputs) {
        for (TaskRunRecord task : detail.tasks()) {
            String taskId = task.taskId();
            attempts.put(taskId, task.attemptCount());
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
        stopRunningAs = runningTasksAs;
        cancelReason = reason;
        List<String> waiting = new ArrayList<>(retryTimers.keySet());
        waiting.addAll(board.takeRetriesDue()); // due, but waiting for a free slot
        retryTimers.values().forEach(timer -> timer.cancel(false));
        retryTimers.clear();
        finishWithoutRunning(waiting, TaskState.CANCELLED, reason);
        board.redecideAllPending();
        waitingTasks.endAll(runningTasksAs, reason);
        for (RunningAttempt attempt : List.copyOf(running.values())) {
            stopAttempt(attempt, runningTasksAs, reason);
        }
        pump();
    }

    /** Log lines of running attempts, written now rather than when the attempts end. */
    void flushLogs() {
        for (RunningAttempt attempt : running.values()) {
            attempt.context().taskLog().flushTo(services.store(), services.observer());
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
        board.settle(cancelledAs != null).forEach((state, ids) -> recordWithoutRunning(ids, state, reasonFor(state)));
    }

    private void startReadyTasks() {
        if (cancelledAs != null) {
            return;
        }
        while (board.hasWaitToStart()) { // an event wait takes no slot
            waitingTasks.startWait(board.task(board.nextWaitToStart()));
        }
        while (running.size() < pipeline.maxConcurrency() && board.hasTaskToStart()) {
            Task task = board.task(board.nextToStart());
            waitingTasks.takeSensor(task.id()).ifPresentOrElse(sensor -> execute(task, sensor), () -> startAttempt(task));
        }
    }

    private RunningAttempt newAttempt(Task task, int number, Instant startedAt) {
        LogBudget budget = services.settings().logBudget().with(task.logBudget());
        TaskLog log = new TaskLog(run.runId(), task.id(), number, masker, services.clock(), budget,
                Optional.of(services.settings().outputDirectory().resolve(run.runId()).resolve("logs")
                        .resolve(task.id() + "-" + number + ".log.gz")).filter(file -> budget.keepWhole()));
        AttemptContext context = new AttemptContext(run.runId(), pipeline.id(), task.id(), number, run.logicalTime(),
                log, services.settings().scratchRoot().resolve(run.runId()).resolve(task.id() + "-" + number),
                services.settings().configDirectory(), services.processGroups(), group -> services.store()
                .recordProcessGroup(new TaskProcessGroup(run.runId(), task.id(), number, group.id(),
                        group.leaderStartTicks())));
        return new RunningAttempt(task.id(), number, context, startedAt);
    }

    private void startAttempt(Task task) {
        int number = attempts.merge(task.id(), 1, Integer::sum);
        Instant now = services.clock().instant();
        services.store().startAttempt(run.runId(), task.id(), number, now);
        board.set(task.id(), TaskState.RUNNING);
        services.observer().taskChanged(run.runId(), task.id(), TaskState.RUNNING, number);
        RunningAttempt attempt = newAttempt(task, number, now);
        attempt.addTimer(services.timers().schedule(() -> attemptTimedOut(attempt),
                task.timeout().toMillis(), TimeUnit.MILLISECONDS));
        execute(task, attempt);
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
        running.put(task.id(), attempt);
        if (task.sensor().isPresent()) {
            attempt.poke();
        }
        AttemptContext context = attempt.context();
        Object data = task.passOutputFrom().map(outputs::get).orElse(null);
        services.workers().execute(() -> {
            AttemptResult result;
            try {
                result = services.runner().run(task, variables, data, context, pool, connectors);
            } catch (Throwable error) { // even an OutOfMemoryError must end the attempt, not the thread
                result = AttemptResult.failure(error);
            }
            context.finishedRunning(); // no stop's interrupt may reach the database writes below
            attemptReturned(attempt, result);
        });
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
                running.remove(task.id());
                waitingTasks.notYet(attempt, task, result.output());
                return;
            }
            attempt.context().log().info("poke " + attempt.pokes() + ": the condition holds (result: "
                    + SensorCondition.describe(result.output()) + ")");
        }
        if (!attempt.end()) {
            return; // already ended by its grace period running out
        }
        TaskState outcome = attempt.isStopped() ? attempt.stoppedAs()
                : result.failed() ? TaskState.FAILED : TaskState.SUCCESS;
        finishAttempt(attempt, outcome, result);
    }

    private synchronized void attemptTimedOut(RunningAttempt attempt) {
        guarded(() -> {
            if (waitingTasks.holds(attempt)) {
                waitingTasks.timedOut(attempt);
            } else {
                stopAttempt(attempt, TaskState.TIMEOUT, "attempt " + attempt.number() + " of task '" + attempt.taskId()
                        + "' timed out after " + Texts.seconds(board.task(attempt.taskId()).timeout()) + " s");
            }
        });
    }

    private void stopAttempt(RunningAttempt attempt, TaskState as, String reason) {
        if (attempt.stop(as, reason)) {
            Duration grace = services.settings().gracePeriod();
            services.timers().schedule(() -> graceExpired(attempt), grace.toMillis(), TimeUnit.MILLISECONDS);
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
        attempt.context().log().error("the attempt did not stop within the grace period of "
                + Texts.seconds(services.settings().gracePeriod()) + " s; its thread was abandoned");
        finishAttempt(attempt, attempt.stoppedAs(), AttemptResult.failure(new IllegalStateException(
                attempt.stopReason() + "; the code did not stop within the grace period and was abandoned")));
    }

    private void finishAttempt(RunningAttempt attempt, TaskState outcome, AttemptResult result) {
        String taskId = attempt.taskId();
        Task task = board.task(taskId);
        running.remove(taskId);
        Instant now = services.clock().instant();
        Throwable error = outcome == TaskState.SUCCESS ? null
                : attempt.isStopped() ? new AttemptStoppedException(attempt.stopReason(), result.error())
                : result.error();
        TaskState taskState = outcome;
        Optional<StoredOutput> stored = Optional.empty();
        Duration retryDelay = null;
        if (outcome == TaskState.SUCCESS) {
            outputs.put(taskId, result.output());
            stored = services.outputs().store(run.runId(), taskId, result.output(), masker);
        } else if (cancelledAs == null && attempt.number() < task.retry().maxAttempts() && retryable(outcome, error, task)) {
            taskState = TaskState.RETRYING;
            retryDelay = task.retry().delayBefore(attempt.number(), ThreadLocalRandom.current().nextDouble());
        }
        List<LogLine> lastLines = attempt.context().taskLog().drainLast();
        services.store().finishAttempt(new AttemptOutcome(run.runId(), taskId, attempt.number(), outcome, taskState,
                attempt.startedAt(), now, Optional.ofNullable(error).map(e -> e.getClass().getName()),
                Optional.ofNullable(error).map(e -> masker.mask(Texts.messageOf(e))),
                Optional.ofNullable(error).map(e -> masker.mask(Texts.stackTraceOf(e))), stored, lastLines));
        board.set(taskId, taskState);
        if (!lastLines.isEmpty()) {
            services.observer().logged(lastLines); // before the state change, as they happened
        }
        services.observer().taskChanged(run.runId(), taskId, taskState, attempt.number());
        if (taskState.isTerminal()) {
            if (taskState != TaskState.SUCCESS && firstError == null && error != null) {
                firstError = masker.mask(Texts.firstLine(Texts.messageOf(error)));
            }
            services.observer().taskFinished(pipeline, run.runId(), taskId, taskState, params());
        }
        if (taskState == TaskState.RETRYING) {
            retryTimers.put(taskId, services.timers().schedule(() -> retryDue(taskId), retryDelay.toMillis(),
                    TimeUnit.MILLISECONDS));
        } else if (taskState != TaskState.SUCCESS && pipeline.stopOnFailure()) {
            board.stopStarting();
        }
        pump();
    }

    private boolean retryable(TaskState outcome, Throwable error, Task task) {
        // a wait that timed out would only wait again, as would a sensor: a longer timeout says that better
        if (task.waitFor().isPresent() || task.sensor().isPresent() && outcome == TaskState.TIMEOUT) {
            return false;
        }
        if (outcome == TaskState.TIMEOUT) {
            return Retries.isTimeoutRetryable(task.retry());
        }
        return outcome == TaskState.FAILED && Retries.isRetryable(error, task.retry());
    }

    private synchronized void retryDue(String taskId) {
        guarded(() -> {
            if (retryTimers.remove(taskId) != null && cancelledAs == null) {
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
        String reason = masker.mask("the engine failed while running this run: " + error);
        org.slf4j.LoggerFactory.getLogger(RunCoordinator.class).error("run {}: {}", run.runId(), reason, error);
        running.values().forEach(attempt -> attempt.stop(TaskState.CRASHED, reason));
        waitingTasks.abandonAll();
        retryTimers.values().forEach(timer -> timer.cancel(false));
        if (runTimeout != null) {
            runTimeout.cancel(false);
        }
        pool.closeAll();
        try {
            if (!services.store().finishRun(run.runId(), RunState.CRASHED, services.clock().instant(),
                    Optional.of(reason))) {
                org.slf4j.LoggerFactory.getLogger(RunCoordinator.class).warn("run {} had ended already; it keeps "
                        + "that end", run.runId());
            }
        } catch (RuntimeException e) {
            // the store itself is failing: the next start's crash recovery records this run
            org.slf4j.LoggerFactory.getLogger(RunCoordinator.class).error("run {}: cannot record the crash: {}",
                    run.runId(), e.toString());
        }
        finished.complete(RunState.CRASHED);
    }

    /**
     * The run had ended in the store before this agent got to end it: another agent took this one for dead and
     * marked it crashed. That first end stands (runs are not revived by a late writer); its notifications were
     * that agent's to send.
     */
    private void keepEarlierEnd(RunState wouldHaveBeen) {
        RunState stored = services.store().findRun(run.runId()).map(detail -> detail.run().status())
                .orElse(RunState.CRASHED);
        org.slf4j.LoggerFactory.getLogger(RunCoordinator.class).warn("run {} ended here as {}, but it had ended "
                        + "already as {} (marked so by another agent that took this one for dead): it stays {}",
                run.runId(), wouldHaveBeen.yamlName(), stored.yamlName(), stored.yamlName());
        services.observer().runChanged(run.runId(), run.pipelineId(), stored);
        finished.complete(stored);
    }

    private void finishWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        taskIds.forEach(taskId -> board.set(taskId, state));
        recordWithoutRunning(taskIds, state, reason);
    }

    /** Commits tasks that end without running, then announces them. */
    private void recordWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        if (taskIds.isEmpty()) {
            return;
        }
        services.store().finishTasksWithoutRunning(run.runId(), taskIds, state, services.clock().instant(),
                Optional.ofNullable(reason));
        for (String taskId : taskIds) {
            services.observer().taskChanged(run.runId(), taskId, state, attempts.getOrDefault(taskId, 0));
        }
    }

    private String reasonFor(TaskState state) {
        return switch (state) {
            case SKIPPED -> board.isStopping() ? "not started: an earlier task failed and stop_on_failure is true"
                    : "not started: its trigger_rule does not hold";
            case UPSTREAM_FAILED -> "not started: a task it depends on did not succeed";
            case CANCELLED -> cancelReason;
            default -> null;
        };
    }

    private void finishIfDone() {
        if (!running.isEmpty() || !retryTimers.isEmpty() || !board.allFinished()) {
            return;
        }
        RunState state = cancelledAs != null ? cancelledAs
                : board.states().values().stream().anyMatch(RUN_FAILURES::contains) ? RunState.FAILED : RunState.SUCCESS;
        Optional<String> reason = Optional.ofNullable(cancelReason).or(() -> state == RunState.FAILED
                ? Optional.of("failed tasks: " + Texts.listed(board.states().entrySet().stream()
                .filter(entry -> RUN_FAILURES.contains(entry.getValue())).map(Map.Entry::getKey).toList()))
                : Optional.empty());
        if (runTimeout != null) {
            runTimeout.cancel(false);
        }
        pool.closeAll();
        Texts.deleteQuietly(services.settings().scratchRoot().resolve(run.runId()));
        if (!services.store().finishRun(run.runId(), state, services.clock().instant(), reason.map(masker::mask))) {
            keepEarlierEnd(state);
            return;
        }
        services.observer().runChanged(run.runId(), run.pipelineId(), state);
        List<String> failedTasks = board.states().entrySet().stream()
                .filter(entry -> RUN_FAILURES.contains(entry.getValue()) && entry.getValue() != TaskState.UPSTREAM_FAILED)
                .map(Map.Entry::getKey).toList();
        services.observer().runFinished(pipeline, new FinishedRun(run.runId(), pipeline.id(), state,
                run.triggerDepth(), params(), failedTasks,
                Optional.ofNullable(firstError).or(() -> reason.map(Texts::firstLine)), run.trigger()));
        finished.complete(state);
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
        if (finished.isDone() || cancelledAs != null || !running.isEmpty() || waitingTasks.isEmpty()) {
            return false;
        }
        detached = true;
        waitingTasks.detach();
        retryTimers.values().forEach(timer -> timer.cancel(false));
        if (runTimeout != null) {
            runTimeout.cancel(false);
        }
        pool.closeAll();
        return true;
    }

    /** This coordinator as its waiting tasks see it; they call in under its lock. */
    private final class WaitingRun implements WaitingTasks.Run {

        @Override
        public RunningAttempt newAttempt(Task task, int number, Instant startedAt) {
            return RunCoordinator.this.newAttempt(task, number, startedAt);
        }

        @Override
        public int nextAttemptNumber(String taskId) {
            return attempts.merge(taskId, 1, Integer::sum);
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
            attempt.addTimer(services.timers().schedule(() -> attemptTimedOut(attempt), delay.toMillis(),
                    TimeUnit.MILLISECONDS));
        }

        @Override
        public void pokeAfter(RunningAttempt attempt, Duration delay) {
            attempt.wakeUpWith(services.timers().schedule(() -> pokeDue(attempt), delay.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params() {
        return (Map<String, Object>) variables.get(dev.orchestrator.template.TemplateVariables.PARAMS);
    }


}
