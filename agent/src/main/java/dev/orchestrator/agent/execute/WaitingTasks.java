package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The waiting tasks of one run (SPEC 4): event waits until their event comes, approvals until an operator decides
 * (issue 20), calls of other pipelines until their child run ends (issue 19), sensors between two pokes. Each
 * is a parked attempt — no thread, no slot, only a timer for its timeout and, for a sensor, one for its next
 * poke. The run's coordinator owns this and decides when to call it; this decides what waiting means.
 *
 * <p>Not thread-safe: used under its coordinator's lock, and its timers call back through the coordinator.
 */
final class WaitingTasks {

    /** What the waiting tasks need of their run's coordinator; all called under its lock. */
    interface Run {

        RunningAttempt newAttempt(Task task, int number, Instant startedAt);

        /** The number of the task's next attempt, counted. */
        int nextAttemptNumber(String taskId);

        /** Runs an attempt's code (a poke) on a worker, holding a slot. */
        void execute(Task task, RunningAttempt attempt);

        /** Records an attempt's end and moves the run on. */
        void finish(RunningAttempt attempt, TaskState outcome, AttemptResult result);

        /** Moves the run on (a slot came free, a poke is due). */
        void pump();

        /** Schedules the attempt's timeout check, through the coordinator's lock. */
        void timeoutAfter(RunningAttempt attempt, Duration delay);

        /** Schedules a sensor's next poke, through the coordinator's lock. */
        void pokeAfter(RunningAttempt attempt, Duration delay);
    }

    private final String runId;
    private final EngineServices services;
    private final SecretMasker masker;
    private final TaskBoard board;
    private final EventWaiting events;
    private final Run run;
    private final Map<String, RunningAttempt> parked = new LinkedHashMap<>();
    // taken over from an earlier process of the agent; set going when the run begins
    private final List<RunningAttempt> restored = new ArrayList<>();
    private final Set<String> restoredWithoutWaitRow = new HashSet<>();

    WaitingTasks(
            String runId,
            Map<String, Object> variables,
            SecretMasker masker,
            TaskBoard board,
            EngineServices services,
            Run run,
            CallWaiting calls) {
        this.runId = runId;
        this.services = services;
        this.masker = masker;
        this.board = board;
        this.events = new EventWaiting(services, runId, variables, calls);
        this.run = run;
    }

    boolean isEmpty() {
        return parked.isEmpty();
    }

    /** True when this attempt is parked (not running its code). */
    boolean holds(RunningAttempt attempt) {
        return parked.get(attempt.taskId()) == attempt;
    }

    /**
     * An event wait begins: recorded as waiting, its wait stored (where a kept event may await it), a timer for
     * its timeout, and nothing else.
     */
    void startWait(Task task) {
        int number = run.nextAttemptNumber(task.id());
        Instant now = services.clock().instant();
        RunningAttempt attempt = run.newAttempt(task, number, now);
        String key;
        try {
            key = task.call().isPresent() ? events.calls().start(task) : events.key(task);
        } catch (TemplateRenderException | UnableToCallPipelineException e) {
            services.store().startAttempt(runId, task.id(), number, now);
            board.set(task.id(), TaskState.RUNNING);
            attempt.end();
            run.finish(attempt, TaskState.FAILED, AttemptResult.failure(e));
            return;
        }
        Instant deadline = now.plus(task.timeout());
        String note = EventWaiting.note(task, key, deadline);
        services.store().startAttempt(runId, task.id(), number, now, TaskState.WAITING, Optional.of(masker.mask(note)));
        park(attempt);
        run.timeoutAfter(attempt, task.timeout());
        attempt.context().log().info(note);
        attempt.context().taskLog().flushTo(services.store(), services.observer());
        events.register(task, key, now, deadline);
        deliverIfArrived(attempt);
    }

    private void park(RunningAttempt attempt) {
        board.set(attempt.taskId(), TaskState.WAITING);
        parked.put(attempt.taskId(), attempt);
        services.observer().taskChanged(runId, attempt.taskId(), TaskState.WAITING, attempt.number());
    }

    /** An event may have reached this task's wait (told by whoever posted it, or found by a sweep). */
    void eventArrived(String taskId) {
        RunningAttempt attempt = parked.get(taskId);
        if (attempt != null && EventWaiting.waits(board.task(taskId))) {
            deliverIfArrived(attempt);
        }
    }

    private void deliverIfArrived(RunningAttempt attempt) {
        events.takeDelivered(attempt.taskId()).ifPresent(event -> eventDelivered(attempt, event));
    }

    private void eventDelivered(RunningAttempt attempt, EventWaiting.Delivered event) {
        parked.remove(attempt.taskId());
        Task task = board.task(attempt.taskId());
        if (task.approval().isPresent() || task.call().isPresent()) {
            Approvals.Outcome decided = task.call().isPresent()
                    ? events.calls().outcome(task, event.payload())
                    : Approvals.outcome(task, event.payload());
            attempt.context().log().info(decided.logLine());
            attempt.end();
            run.finish(attempt, decided.state(), decided.result());
            return;
        }
        attempt.context()
                .log()
                .info("event '"
                        + EventWaiting.waitFor(board.task(attempt.taskId())).event()
                        + "' arrived; its payload is this task's output");
        attempt.end();
        run.finish(attempt, TaskState.SUCCESS, AttemptResult.success(event.payload()));
    }

    /**
     * A sensor's poke returned a result that does not hold: it waits for its next poke, its slot given back (the
     * coordinator has taken it out of its running attempts).
     */
    void notYet(RunningAttempt attempt, Task task, Object result) {
        Duration interval = task.sensor().orElseThrow().pokeInterval();
        Instant next = services.clock().instant().plus(interval).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        attempt.context()
                .log()
                .info("poke " + attempt.pokes() + ": the condition does not hold yet (result: "
                        + SensorCondition.describe(result) + "); next poke in " + Texts.seconds(interval) + " s");
        services.store()
                .switchAttempt(
                        runId,
                        task.id(),
                        attempt.number(),
                        TaskState.WAITING,
                        Optional.of("sensor: " + attempt.pokes()
                                + " poke(s), the condition does not hold yet; next poke at " + next));
        attempt.context().taskLog().flushTo(services.store(), services.observer());
        park(attempt);
        run.pokeAfter(attempt, interval);
        run.pump();
    }

    /** A sensor's interval is over: its next poke waits for a slot like any task. */
    void pokeDue(RunningAttempt attempt) {
        if (holds(attempt)) {
            board.pokeDue(attempt.taskId());
            run.pump();
        }
    }

    /**
     * The parked sensor of this task, taken out to be poked now that it has a slot; empty when the task is not a
     * parked sensor (its next attempt starts as usual).
     */
    Optional<RunningAttempt> takeSensor(String taskId) {
        RunningAttempt attempt = parked.get(taskId);
        if (attempt == null || board.task(taskId).sensor().isEmpty()) {
            return Optional.empty();
        }
        parked.remove(taskId);
        services.store().switchAttempt(runId, taskId, attempt.number(), TaskState.RUNNING, Optional.empty());
        board.set(taskId, TaskState.RUNNING);
        services.observer().taskChanged(runId, taskId, TaskState.RUNNING, attempt.number());
        return Optional.of(attempt);
    }

    /** The parked attempt's timeout: an event wait ends as timeout (unless its event came that moment), a sensor too. */
    void timedOut(RunningAttempt attempt) {
        Task task = board.task(attempt.taskId());
        String limit = Texts.seconds(task.timeout());
        if (EventWaiting.waits(task)) {
            Optional<EventWaiting.Delivered> lastMoment = events.withdraw(task);
            if (lastMoment.isPresent()) {
                eventDelivered(attempt, lastMoment.get());
                return;
            }
            end(attempt, TaskState.TIMEOUT, new AttemptStoppedException(EventWaiting.timedOut(task, limit), null));
        } else {
            end(
                    attempt,
                    TaskState.TIMEOUT,
                    new AttemptStoppedException(
                            "the condition of sensor '" + task.id() + "' did not hold within " + limit + " s ("
                                    + attempt.pokes() + " pokes)",
                            null));
        }
    }

    /** The run is cancelled or timed out: every wait ends as {@code as}; an event that came just now does not count. */
    void endAll(TaskState as, String reason) {
        for (RunningAttempt attempt : List.copyOf(parked.values())) {
            if (EventWaiting.waits(board.task(attempt.taskId()))) {
                events.withdraw(board.task(attempt.taskId()));
            }
            end(attempt, as, new AttemptStoppedException(reason, null));
        }
    }

    private void end(RunningAttempt attempt, TaskState as, Throwable why) {
        parked.remove(attempt.taskId());
        board.cancelPoke(attempt.taskId());
        attempt.end();
        attempt.context().log().warn(why.getMessage());
        run.finish(attempt, as, AttemptResult.failure(why));
    }

    /**
     * An operator marked this waiting task: its wait ends now, without its event or its condition; the coordinator
     * records the mark as the attempt's end.
     *
     * @return the ended attempt, empty when the task is not parked
     */
    Optional<RunningAttempt> endMarked(String taskId, String why) {
        RunningAttempt attempt = parked.remove(taskId);
        if (attempt == null) {
            return Optional.empty();
        }
        if (EventWaiting.waits(board.task(taskId))) {
            events.withdraw(board.task(taskId)); // an event that comes now is not this task's any more
        }
        board.cancelPoke(taskId);
        restored.remove(attempt);
        attempt.end();
        attempt.context().log().warn(why);
        return Optional.of(attempt);
    }

    /** The run crashed: the timers stop; the store keeps whatever it has. */
    void abandonAll() {
        parked.values().forEach(RunningAttempt::end);
    }

    /** The agent stops and leaves the run to its next start: the timers stop, the waits stay stored. */
    void detach() {
        parked.values().forEach(RunningAttempt::cancelTimers);
    }

    /**
     * A task that was waiting when an earlier process of the agent stopped, taken over as it was; it goes on at
     * {@link #resumeRestored()}.
     *
     * @param hasWaitRow false when that process stopped between recording the wait and storing it
     */
    void restore(Task task, TaskRunRecord record, boolean hasWaitRow) {
        Instant startedAt = record.attempts().isEmpty()
                ? record.startedAt().orElse(services.clock().instant())
                : record.attempts().get(record.attempts().size() - 1).startedAt();
        RunningAttempt attempt = run.newAttempt(task, record.attemptCount(), startedAt);
        board.set(task.id(), TaskState.WAITING);
        parked.put(task.id(), attempt);
        restored.add(attempt);
        if (!hasWaitRow) {
            restoredWithoutWaitRow.add(task.id());
        }
    }

    /** Restored waits go on: each timeout counts from when it began, a sensor pokes at once, a wait takes its event. */
    void resumeRestored() {
        for (RunningAttempt attempt : restored) {
            Task task = board.task(attempt.taskId());
            Instant deadline = attempt.startedAt().plus(task.timeout());
            Duration left = Duration.between(services.clock().instant(), deadline);
            run.timeoutAfter(attempt, left.isNegative() ? Duration.ZERO : left);
            if (!EventWaiting.waits(task)) {
                board.pokeDue(task.id());
                continue;
            }
            if (restoredWithoutWaitRow.contains(task.id())) {
                try {
                    events.register(task, events.key(task), attempt.startedAt(), deadline);
                } catch (TemplateRenderException | UnableToCallPipelineException e) {
                    end(attempt, TaskState.FAILED, e);
                    continue;
                }
            }
            deliverIfArrived(attempt);
            if (holds(attempt) && task.call().isPresent()) { // its child may have ended while nobody listened
                events.catchUp(task);
                deliverIfArrived(attempt);
            }
        }
        restored.clear();
        restoredWithoutWaitRow.clear();
    }
}
