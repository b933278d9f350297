package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orchestrator.agent.execute.ItemLauncher.ItemAttempt;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.MapItemStore;
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

    /** Pending items read from the store at a time. */
    private static final int PAGE = 256;

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
    private final ArrayDeque<PendingItem> page = new ArrayDeque<>();
    private final Map<Integer, ItemAttempt> running = new LinkedHashMap<>();
    private final Map<Integer, PendingItem> runningItems = new LinkedHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> retryTimers = new LinkedHashMap<>();
    private final ArrayDeque<Retry> retriesDue = new ArrayDeque<>();
    private int total;
    private int cursor;
    private boolean allRead;
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
        List<String> batch = new ArrayList<>(Math.min(total, 1_000));
        for (int i = 0; i < total; i++) {
            batch.add(toJson(items.get(i)));
            if (batch.size() == 1_000 || i == total - 1) {
                store.insertItems(runId, task.id(), i + 1 - batch.size(), batch);
                batch.clear();
            }
        }
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

    /** Starts items while there is room, and ends the map once every item has ended. */
    private void fill() {
        while (!attempt.isStopped() && running.size() < maxParallel) {
            Retry retry = retriesDue.poll();
            if (retry != null) {
                start(retry.item(), retry.number());
                continue;
            }
            PendingItem next = nextPending();
            if (next == null) {
                break;
            }
            start(next, 1);
        }
        if (running.isEmpty() && retryTimers.isEmpty() && (attempt.isStopped() || noneLeft())) {
            end();
        }
    }

    private boolean noneLeft() {
        return retriesDue.isEmpty() && page.isEmpty() && allRead;
    }

    private PendingItem nextPending() {
        if (page.isEmpty() && !allRead) {
            List<PendingItem> read = store.pendingItems(runId, task.id(), cursor, PAGE);
            page.addAll(read);
            allRead = read.size() < PAGE;
            if (!read.isEmpty()) {
                cursor = read.get(read.size() - 1).index() + 1;
            }
        }
        return page.poll();
    }

    private void start(PendingItem item, int number) {
        Instant now = services.clock().instant();
        store.itemStarted(runId, task.id(), item.index(), number, now);
        ItemAttempt itemAttempt = launcher.create(task, item.index(), number, now);
        running.put(item.index(), itemAttempt);
        runningItems.put(item.index(), item);
        itemAttempt.timeoutWith(timers.forAttempt(task.timeout(), () -> run.step(() -> timedOut(itemAttempt))));
        launcher.launch(
                task,
                itemAttempt,
                fromJson(item.itemJson()),
                data,
                (returned, result) -> run.step(() -> returned(returned, result)));
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
        writeLog(itemAttempt);
        if (outcome == TaskState.SUCCESS) {
            Optional<StoredOutput> stored =
                    services.outputs().store(runId, ItemLauncher.itemTaskId(task.id(), index), result.output(), masker);
            store.itemFinished(runId, task.id(), index, TaskState.SUCCESS, now, Optional.empty(), stored);
            done++;
        } else {
            String message = masker.mask(Texts.firstLine(Texts.messageOf(error)));
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

    private void writeLog(ItemAttempt itemAttempt) {
        List<LogLine> lines = itemAttempt.context().taskLog().drainLast();
        if (!lines.isEmpty()) {
            services.store().appendLogs(lines);
            services.observer().logged(lines);
        }
    }

    /** The run is cancelled or timed out: running items stop, the others end without running. */
    void stop(TaskState as, String reason) {
        if (ended || !attempt.stop(as, reason)) {
            return;
        }
        retryTimers.values().forEach(timer -> timer.cancel(false));
        retryTimers.clear();
        retriesDue.clear();
        store.finishUnstarted(
                runId, task.id(), TaskState.CANCELLED, services.clock().instant());
        List.copyOf(running.values()).forEach(itemAttempt -> stopItem(itemAttempt, as, reason));
        fill();
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

    private String toJson(Object item) {
        try {
            return services.json()
                    .writeValueAsString(masker.maskTree(services.json().convertValue(item, Object.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new NonRetryableException(
                    "task '" + task.id() + "': an item of its for_each list is not representable as JSON: " + e, e);
        }
    }

    private Object fromJson(String text) {
        try {
            return services.json().readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item stored as invalid JSON: " + text, e);
        }
    }
}
