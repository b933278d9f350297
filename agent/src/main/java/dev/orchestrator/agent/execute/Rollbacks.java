package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rollbacks of one run (a task's {@code rollback: { action, action_kwargs }}): once a task has failed or timed
 * out for good, its rollback action runs once, on a worker, on the task's own connector with its
 * {@code connector_config} and the same template variables. Its log lines join the task's last attempt, its
 * outcome ("ok", or "failed: " and why) is recorded on the task, and it never changes the task's or the run's
 * state; the run ends only once its rollbacks have. A rollback gets the task's timeout.
 *
 * <p>{@link #start} is called under the coordinator's lock; the count of rollbacks running is read under it too.
 */
final class Rollbacks {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final ConnectorPool pool;
    private final RunAttempts attempts;
    private final EngineServices services;
    private final Runnable ended;
    private final AtomicInteger running = new AtomicInteger();

    /** @param ended told, on the rollback's worker, once a rollback's outcome is recorded */
    Rollbacks(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            SecretMasker masker,
            ConnectorPool pool,
            RunAttempts attempts,
            EngineServices services,
            Runnable ended) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
        this.masker = masker;
        this.pool = pool;
        this.attempts = attempts;
        this.services = services;
        this.ended = ended;
    }

    /** Whether a task that is now {@code state} has its rollback run: it has one, and failed or timed out for good. */
    static boolean isDue(Task task, TaskState state) {
        return task.rollback().isPresent() && (state == TaskState.FAILED || state == TaskState.TIMEOUT);
    }

    boolean anyRunning() {
        return running.get() > 0;
    }

    /**
     * Runs the task's rollback on a worker.
     *
     * @param lastAttempt the number of the task's last attempt, whose log the rollback's lines join
     * @param outputs     the outputs of the run's tasks that succeeded so far, read now
     */
    void start(Task task, int lastAttempt, Map<String, Object> outputs) {
        Task rollback = asTask(task);
        Map<String, Object> taskVariables = TaskVariables.of(variables, task, outputs);
        TaskLog log = new TaskLog(
                run.runId(),
                task.id(),
                lastAttempt,
                masker,
                services.clock(),
                services.settings().logBudget().with(task.logBudget()));
        AttemptContext context = new AttemptContext(
                run.runId(),
                pipeline.id(),
                task.id(),
                lastAttempt,
                run.logicalTime(),
                log,
                services.settings().scratchRoot().resolve(run.runId()).resolve(task.id() + "-rollback"),
                services.settings().configDirectory(),
                services.processGroups(),
                group -> {});
        running.incrementAndGet();
        services.threads().workers().execute(() -> {
            try {
                log.info("rollback: running action '" + rollback.action() + "' of connector '" + task.connector()
                        + "' after the task ended for good");
                ScheduledFuture<?> timeout = services.threads().after(task.timeout(), () -> {
                    context.stop("the rollback timed out after " + Texts.seconds(task.timeout()) + " s");
                    context.kill();
                });
                AttemptResult result;
                try {
                    result = services.runner().run(rollback, taskVariables, null, context, pool, attempts.connectors());
                } finally {
                    timeout.cancel(false);
                }
                String outcome = result.failed()
                        ? "failed: " + masker.mask(Texts.firstLine(Texts.messageOf(result.error())))
                        : "ok";
                if (result.failed()) {
                    log.error("rollback " + outcome);
                } else {
                    log.info("rollback ok");
                }
                log.flushTo(services.store(), services.observer());
                services.store().recordRollback(run.runId(), task.id(), outcome);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Rollbacks.class)
                        .error("run {}: the rollback of task '{}' could not be recorded", run.runId(), task.id(), e);
            } finally {
                running.decrementAndGet();
                ended.run();
            }
        });
    }

    /** The task as its rollback runs it: the same connector and config, the rollback's action and arguments. */
    private static Task asTask(Task task) {
        var rollback = task.rollback().orElseThrow();
        return new Task(
                task.id(),
                task.name(),
                task.connector(),
                task.connectorConfig(),
                rollback.action(),
                rollback.actionKwargs(),
                task.dependsOn(),
                Optional.empty(),
                task.retry(),
                task.timeout(),
                task.triggerRule(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                task.logBudget(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(), // a rollback takes no pool slots: it must not wait behind the work it undoes
                ResourceProfile.NONE); // nor waits for resources (it starts outside the run's task starter)
    }
}
