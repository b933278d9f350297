package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateVariables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs the attempts of a map task's items: each one an attempt of its own, with its own log (kept under the task id
 * {@code <task>[<index>]}), its own scratch directory, and the template variables {@code item} and
 * {@code item_index}, run on a worker thread like any attempt — or, for a task that calls a pipeline, a child run
 * of its own that the item waits for without a thread. When to start, stop or retry one is its
 * {@link MapTask}'s decision. Thread-safe.
 */
final class ItemLauncher {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final Map<String, Object> outputs;
    private final SecretMasker masker;
    private final ConnectorPool pool;
    private final ConnectorRegistry connectors;
    private final EngineServices services;

    ItemLauncher(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            Map<String, Object> outputs,
            SecretMasker masker,
            ConnectorPool pool,
            EngineServices services) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
        this.outputs = outputs;
        this.masker = masker;
        this.pool = pool;
        this.services = services;
        this.connectors = services.runner().installed();
    }

    /** The id an item's log and scratch directory are kept under. */
    static String itemTaskId(String taskId, int index) {
        return taskId + "[" + index + "]";
    }

    ItemAttempt create(Task task, int index, int number, Instant startedAt) {
        String id = itemTaskId(task.id(), index);
        LogBudget budget = services.settings().logBudget().with(task.logBudget());
        TaskLog log = new TaskLog(run.runId(), id, number, masker, services.clock(), budget);
        AttemptContext context = new AttemptContext(
                run.runId(),
                pipeline.id(),
                id,
                number,
                run.logicalTime(),
                log,
                services.settings().scratchRoot().resolve(run.runId()).resolve(id + "-" + number),
                services.settings().configDirectory(),
                services.processGroups(),
                group -> {
                    // an item's attempt has no row of its own in attempts, which process_groups references
                });
        return new ItemAttempt(index, number, context, startedAt);
    }

    /**
     * Runs the item's attempt: its code on a worker, or, when its task calls a pipeline, a child run that it waits
     * for without a thread. {@code returned} is told on a worker with what it returned.
     */
    void start(
            Task task,
            ItemAttempt attempt,
            String itemJson,
            Object data,
            BiConsumer<ItemAttempt, AttemptResult> returned) {
        Object item = MapItems.fromJson(itemJson, services.json());
        if (task.call().isEmpty()) {
            launch(task, attempt, item, data, returned);
            return;
        }
        try {
            call(task, attempt, item, returned);
        } catch (RuntimeException e) { // its params do not render, its pipeline is not loaded: the attempt fails
            services.threads().workers().execute(() -> returned.accept(attempt, AttemptResult.failure(e)));
        }
    }

    private void launch(
            Task task, ItemAttempt attempt, Object item, Object data, BiConsumer<ItemAttempt, AttemptResult> returned) {
        Map<String, Object> itemVariables = itemVariables(task, attempt, item);
        AttemptContext context = attempt.context();
        services.threads().workers().execute(() -> {
            AttemptResult result;
            try {
                result = services.runner().run(task, itemVariables, data, context, pool, connectors);
            } catch (Throwable error) { // even an OutOfMemoryError must end the attempt, not the thread
                result = AttemptResult.failure(error);
            }
            context.finishedRunning();
            returned.accept(attempt, result);
        });
    }

    /**
     * The item's attempt starts a child run of the pipeline its task calls ({@code pipeline:} with
     * {@code for_each}), its {@code params} rendered with {@code item} and {@code item_index}; the child names the
     * item as its parent task ({@code <task>[<index>]}).
     *
     * @throws dev.orchestrator.template.TemplateRenderException when the params do not render
     * @throws UnableToCallPipelineException when the pipeline is not loaded, or the agent is stopping
     */
    private void call(Task task, ItemAttempt attempt, Object item, BiConsumer<ItemAttempt, AttemptResult> returned) {
        String childRunId = CallWaiting.launch(services, run, masker, task, itemVariables(task, attempt, item));
        services.store().recordCall(run.runId(), itemTaskId(task.id(), attempt.index()), childRunId);
        services.store().mapItems().itemCalled(run.runId(), task.id(), attempt.index(), childRunId);
        awaitChild(task, attempt, childRunId, returned);
    }

    /**
     * The item waits for its child run without a thread; {@code returned} is told, on a worker, with the child's
     * outputs or its failure. Stopping the item cancels the child.
     */
    void awaitChild(
            Task task, ItemAttempt attempt, String childRunId, BiConsumer<ItemAttempt, AttemptResult> returned) {
        String itemId = itemTaskId(task.id(), attempt.index());
        attempt.calls(
                childRunId,
                reason -> services.calls()
                        .cancel(
                                childRunId,
                                "cancelled: item " + itemId + " of run " + run.runId() + ", which called this "
                                        + "run, stopped waiting for it (" + reason + ")"));
        attempt.context()
                .log()
                .info("waiting for its child run " + childRunId + " of pipeline '"
                        + task.call().orElseThrow().pipelineId() + "'");
        services.calls()
                .awaitChild(
                        childRunId,
                        () -> returned.accept(
                                attempt,
                                CallWaiting.outcome(services, itemId, childRunId)
                                        .result()));
    }

    private Map<String, Object> itemVariables(Task task, ItemAttempt attempt, Object item) {
        Map<String, Object> itemVariables = new LinkedHashMap<>(TaskVariables.of(variables, task, outputs));
        itemVariables.put(TemplateVariables.ITEM, item);
        itemVariables.put(TemplateVariables.ITEM_INDEX, attempt.index());
        return itemVariables;
    }

    /** Stores and announces what the item's attempt logged since last time. */
    void writeLog(ItemAttempt attempt) {
        List<LogLine> lines = attempt.context().taskLog().drainLast();
        if (!lines.isEmpty()) {
            services.store().appendLogs(lines);
            services.observer().logged(lines);
        }
    }

    /** One attempt of one item in flight. Guarded by the coordinator's lock. */
    static final class ItemAttempt {

        private final int index;
        private final int number;
        private final AttemptContext context;
        private final Instant startedAt;
        private ScheduledFuture<?> timeout;
        private ScheduledFuture<?> grace;
        private boolean ended;
        private String childRunId;
        private Consumer<String> whenStopped = reason -> {};
        private TaskState stoppedAs;
        private String stopReason;

        ItemAttempt(int index, int number, AttemptContext context, Instant startedAt) {
            this.index = index;
            this.number = number;
            this.context = context;
            this.startedAt = startedAt;
        }

        int index() {
            return index;
        }

        int number() {
            return number;
        }

        AttemptContext context() {
            return context;
        }

        Instant startedAt() {
            return startedAt;
        }

        /** Its attempt waits for a child run, which {@code cancel} cancels when the item is stopped. */
        void calls(String childRunId, Consumer<String> cancel) {
            this.childRunId = childRunId;
            this.whenStopped = cancel;
        }

        /** The child run it waits for, when its task calls a pipeline. */
        Optional<String> childRunId() {
            return Optional.ofNullable(childRunId);
        }

        void timeoutWith(ScheduledFuture<?> timer) {
            timeout = timer;
        }

        void graceWith(ScheduledFuture<?> timer) {
            grace = timer;
        }

        /** Marks it ended; false when it already was. */
        boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (grace != null) {
                grace.cancel(false);
            }
            return true;
        }

        /** Stops its code; it ends as {@code state} whatever it returns. False when ended or stopped already. */
        boolean stop(TaskState state, String reason) {
            if (ended || stoppedAs != null) {
                return false;
            }
            stoppedAs = state;
            stopReason = reason;
            context.stop(reason);
            whenStopped.accept(reason);
            return true;
        }

        boolean isStopped() {
            return stoppedAs != null;
        }

        TaskState stoppedAs() {
            return stoppedAs;
        }

        String stopReason() {
            return stopReason;
        }
    }
}
