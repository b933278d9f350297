package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateVariables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

/**
 * Runs the attempts of a map task's items: each one an attempt of its own, with its own log (kept under the task id
 * {@code <task>[<index>]}), its own scratch directory, and the template variables {@code item} and
 * {@code item_index}, run on a worker thread like any attempt. When to start, stop or retry one is its
 * {@link MapTask}'s decision. Thread-safe.
 */
final class ItemLauncher {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final ConnectorPool pool;
    private final ConnectorRegistry connectors;
    private final EngineServices services;

    ItemLauncher(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            SecretMasker masker,
            ConnectorPool pool,
            EngineServices services) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
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

    /** Runs the item's attempt on a worker; {@code returned} is told on that worker with what it returned. */
    void launch(
            Task task, ItemAttempt attempt, Object item, Object data, BiConsumer<ItemAttempt, AttemptResult> returned) {
        Map<String, Object> itemVariables = new LinkedHashMap<>(variables);
        itemVariables.put(TemplateVariables.ITEM, item);
        itemVariables.put(TemplateVariables.ITEM_INDEX, attempt.index());
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

    /** One attempt of one item in flight. Guarded by the coordinator's lock. */
    static final class ItemAttempt {

        private final int index;
        private final int number;
        private final AttemptContext context;
        private final Instant startedAt;
        private ScheduledFuture<?> timeout;
        private ScheduledFuture<?> grace;
        private boolean ended;
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
