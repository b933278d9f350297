package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.execute.ItemLauncher.ItemAttempt;
import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.agent.store.MapItemStore.CallingItem;
import dev.orchestrator.agent.store.MapItemStore.PendingItem;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One running {@code for_each} task: its items are rows in the store, read a page at a time and started up to
 * {@code max_parallel} at once, each retried on its own as the task's {@code retry} says. The map ends when every
 * item has: with the list of their outputs in item order when all succeeded, failed when one did not. In memory it
 * holds only the items running or waiting for a retry, and a page of those not started yet.
 *
 * <p>Not thread-safe: used under its run's coordinator's lock; the work it schedules comes back through
 * {@link Run#step}.
 */
final class MapTask {

    private static final Optional<StoredOutput> NO_OUTPUT = Optional.empty();

    /** What the map needs of its run's coordinator. */
    interface Run {

        /** Runs {@code work} under the coordinator's lock, then moves the run on. */
        void step(Runnable work);

        /** The map task ended: its one attempt ends as {@code outcome}. */
        void finish(RunningAttempt mapAttempt, TaskState outcome, AttemptResult result);
    }

    private record Retry(PendingItem item, int number) {}

    private final Task task;
    private final RunningAttempt attempt;
    private final int maxParallel;
    private final String runId;
    private final Object data;
    private final EngineServices services;
    private final MapItemStore store;
    private final ItemLauncher launcher;
    private final RunTimers timers;
    private final SecretMasker masker;
    private final Run run;
    private final PendingItems pending;
    private final Map<Integer, ItemAttempt> running = new LinkedHashMap<>();
    private final Map<Integer, PendingItem> runningItems = new LinkedHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> retryTimers = new LinkedHashMap<>();
    private final ArrayDeque<Retry> retriesDue = new ArrayDeque<>();
    // the agent is stopping: no item starts, and one stopped by it waits for the next start instead of failing
    private boolean held;
    private String interruptedBecause;
    private int total;
    private int done;
    private int failed;
    private String firstError;
    private boolean ended;

    MapTask(
            Task task,
            RunningAttempt attempt,
            int maxParallel,
            String runId,
            Object data,
            EngineServices services,
            ItemLauncher launcher,
            RunTimers timers,
            SecretMasker masker,
            Run run) {
        this.task = task;
        this.attempt = attempt;
        this.maxParallel = Math.max(1, maxParallel);
        this.runId = runId;
        this.data = data;
        this.services = services;
        this.store = services.store().mapItems();
        this.pending = new PendingItems(store, runId, task.id());
        this.launcher = launcher;
        this.timers = timers;
        this.masker = masker;
        this.run = run;
    }

    /**
     * Writes the items to the store (taking over those that succeeded in the run this one retries) and starts the
     * first ones.
     */
    void begin(List<?> items, Optional<String> retriedRunId) {
        total = items.size();
        MapItems.insert(task, items, runId, store, services.json(), masker);
        int reused = retriedRunId
                .map(earlier -> store.reuseSucceeded(runId, task.id(), earlier))
                .orElse(0);
        done = reused;
        attempt.context()
                .log()
                .info("for_each over " + total + " items, at most " + maxParallel + " at once"
                        + (reused > 0
                                ? "; " + reused + " succeeded in run " + retriedRunId.get() + " and are reused"
                                : ""));
        fill();
    }

    /** Takes the map over from the rows an earlier process of the agent left ({@link MapResumption}). */
    void resume() {
        MapResumption resumed =
                MapResumption.read(store, runId, task.id(), services.clock().instant());
        total = resumed.total();
        done = resumed.done();
        failed = resumed.failed();
        firstError = resumed.firstFailure().orElse(null);
        resumed.retrying()
                .forEach(item ->
                        retriesDue.add(new Retry(new PendingItem(item.index(), item.itemJson()), item.attempts() + 1)));
        Instant now = services.clock().instant();
        for (CallingItem calling : resumed.calling()) { // their child runs went on meanwhile: wait for them again
            PendingItem item = new PendingItem(calling.index(), calling.itemJson());
            launcher.awaitChild(
                    task, track(item, calling.attempts(), now), calling.childRunId(), this::returnedOnWorker);
        }
        attempt.context().log().info(resumed.describe());
        fill();
    }

    /** Starts items while there is room, and ends the map once every item has ended. */
    private void fill() {
        while (!attempt.isStopped() && !held && running.size() < maxParallel) {
            Retry retry = retriesDue.poll();
            if (retry != null) {
                start(retry.item(), retry.number());
                continue;
            }
            PendingItem next = pending.next();
            if (next == null) {
                break;
            }
            start(next, 1);
        }
        boolean idle = running.isEmpty() && retryTimers.isEmpty();
        if (idle && (attempt.isStopped() || (held ? done + failed == total : noneLeft()))) {
            end();
        }
    }

    private boolean noneLeft() {
        return retriesDue.isEmpty() && pending.exhausted();
    }

    private void start(PendingItem item, int number) {
        Instant now = services.clock().instant();
        store.itemStarted(runId, task.id(), item.index(), number, now);
        launcher.start(task, track(item, number, now), item.itemJson(), data, this::returnedOnWorker);
    }

    private ItemAttempt track(PendingItem item, int number, Instant startedAt) {
        ItemAttempt itemAttempt = launcher.create(task, item.index(), number, startedAt);
        running.put(item.index(), itemAttempt);
        runningItems.put(item.index(), item);
        itemAttempt.timeoutWith(timers.forAttempt(task.timeout(), () -> run.step(() -> timedOut(itemAttempt))));
        return itemAttempt;
    }

    private void returnedOnWorker(ItemAttempt itemAttempt, AttemptResult result) {
        run.step(() -> returned(itemAttempt, result));
    }

    private void timedOut(ItemAttempt itemAttempt) {
        stopItem(
                itemAttempt,
                TaskState.TIMEOUT,
                "attempt " + itemAttempt.number() + " of item " + itemAttempt.index() + " of task '" + task.id()
                        + "' timed out after " + Texts.seconds(task.timeout()) + " s");
    }

    private void stopItem(ItemAttempt itemAttempt, TaskState as, String reason) {
        if (itemAttempt.stop(as, reason)) {
            itemAttempt.graceWith(
                    timers.forAttempt(services.settings().gracePeriod(), () -> run.step(() -> abandon(itemAttempt))));
        }
    }

    private void abandon(ItemAttempt itemAttempt) {
        itemAttempt.context().kill();
        returned(
                itemAttempt,
                AttemptResult.failure(new IllegalStateException(itemAttempt.stopReason()
                        + "; the code did not stop within the grace period and was abandoned")));
    }

    private void returned(ItemAttempt itemAttempt, AttemptResult result) {
        if (itemAttempt.isStopped()) {
            itemAttempt.context().kill();
        }
        if (!itemAttempt.end()) {
            return;
        }
        int index = itemAttempt.index();
        running.remove(index);
        PendingItem item = runningItems.remove(index);
        TaskState outcome = itemAttempt.isStopped()
                ? itemAttempt.stoppedAs()
                : result.failed() ? TaskState.FAILED : TaskState.SUCCESS;
        Instant now = services.clock().instant();
        Throwable error = outcome == TaskState.SUCCESS
                ? null
                : itemAttempt.isStopped()
                        ? new AttemptStoppedException(itemAttempt.stopReason(), result.error())
                        : result.error();
        launcher.writeLog(itemAttempt);
        if (outcome == TaskState.SUCCESS) {
            Optional<StoredOutput> stored =
                    services.outputs().store(runId, ItemLauncher.itemTaskId(task.id(), index), result.output(), masker);
            store.itemFinished(runId, task.id(), index, TaskState.SUCCESS, now, Optional.empty(), stored);
            done++;
        } else {
            String message = masker.mask(Texts.firstLine(Texts.messageOf(error)));
            if (itemAttempt.isStopped() && itemAttempt.stopReason().equals(interruptedBecause)) {
                // stopped by the agent's stop, not by its own doing: it runs again at the next start
                store.itemFinished(runId, task.id(), index, TaskState.RETRYING, now, Optional.of(message), NO_OUTPUT);
                fill();
                return;
            }
            Optional<Duration> retry = attempt.isStopped()
                    ? Optional.empty()
                    : Retries.decide(task, itemAttempt.number(), outcome, error, ThreadLocalRandom.current());
            TaskState itemState = retry.isPresent() ? TaskState.RETRYING : outcome;
            store.itemFinished(runId, task.id(), index, itemState, now, Optional.of(message), Optional.empty());
            if (retry.isPresent()) {
                Retry next = new Retry(item, itemAttempt.number() + 1);
                retryTimers.put(index, timers.forAttempt(retry.get(), () -> run.step(() -> retryDue(next))));
            } else {
                failed++;
                if (firstError == null) {
                    firstError = "item " + index + ": " + message;
                }
            }
        }
        fill();
    }

    private void retryDue(Retry retry) {
        if (retryTimers.remove(retry.item().index()) != null && !attempt.isStopped()) {
            retriesDue.add(retry);
            fill();
        }
    }

    /** The run is cancelled or timed out: running items stop, the others end without running. */
    void stop(TaskState as, String reason) {
        if (ended || !attempt.stop(as, reason)) {
            return;
        }
        cancelRetryTimers();
        retriesDue.clear();
        store.finishUnstarted(
                runId, task.id(), TaskState.CANCELLED, services.clock().instant());
        List.copyOf(running.values()).forEach(itemAttempt -> stopItem(itemAttempt, as, reason));
        fill();
    }

    /** The agent is stopping: no more items start; those running go on, and the map waits for the next start. */
    void hold() {
        held = true;
    }

    /**
     * The agent's grace is over: running items are stopped, and each goes back to wait for its next attempt at the
     * next start (it was stopped, not failed: its attempt ends recorded as such).
     */
    void interrupt(String reason) {
        held = true;
        interruptedBecause = reason;
        List.copyOf(running.values()).stream()
                .filter(itemAttempt -> itemAttempt.childRunId().isEmpty()) // a child run waits with its map
                .forEach(itemAttempt -> stopItem(itemAttempt, TaskState.CANCELLED, reason));
    }

    /** No item runs its code now (those waiting for child runs run none): it can be left to the next start. */
    boolean isIdle() {
        return running.values().stream()
                .allMatch(itemAttempt -> itemAttempt.childRunId().isPresent());
    }

    /** The map is left to the next start: its retry timers stop, its items stay as stored. */
    void detach() {
        ended = true;
        cancelRetryTimers();
        for (ItemAttempt waiting : running.values()) { // items waiting for their child runs, which the next start
            waiting.end(); // waits for again
            waiting.childRunId().ifPresent(services.calls()::stopAwaiting);
        }
    }

    private void cancelRetryTimers() {
        retryTimers.values().forEach(timer -> timer.cancel(false));
        retryTimers.clear();
    }

    /** The engine failed: items stop running, nothing is recorded. */
    void abandon() {
        ended = true;
        attempt.stop(TaskState.CRASHED, "the engine failed");
        retryTimers.values().forEach(timer -> timer.cancel(false));
        running.values().forEach(itemAttempt -> itemAttempt.stop(TaskState.CRASHED, "the engine failed"));
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (attempt.isStopped()) {
            attempt.context().log().info(done + " of " + total + " items succeeded before the map was stopped");
            run.finish(attempt, attempt.stoppedAs(), AttemptResult.failure(null));
        } else if (failed > 0) {
            String message = failed + " of " + total + " items of task '" + task.id() + "' did not succeed; first: "
                    + firstError;
            attempt.context().log().error(message);
            run.finish(attempt, TaskState.FAILED, AttemptResult.failure(new NonRetryableException(message)));
        } else {
            List<Object> outputs = new ArrayList<>(total);
            store.forEachOutput(
                    runId,
                    task.id(),
                    stored -> outputs.add(stored.map(services.outputs()::load).orElse(null)));
            attempt.context().log().info("all " + total + " items succeeded");
            run.finish(attempt, TaskState.SUCCESS, AttemptResult.success(outputs));
        }
    }
}
