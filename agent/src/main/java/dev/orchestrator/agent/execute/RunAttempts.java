package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskProcessGroup;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.secret.SecretMasker;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The attempts of one run: how each task's attempts are numbered, what an attempt is made of (its log, its
 * context, its scratch directory), which are running their code now, and running that code on a worker. When to
 * start, stop or end one is its coordinator's decision.
 *
 * <p>Not thread-safe, but for {@link #running()}, which the periodic log flush reads without the lock: used
 * under its coordinator's lock.
 */
final class RunAttempts {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final ConnectorPool pool;
    // the plugins' versions when the run started: one changed meanwhile serves the runs started after it
    private final ConnectorRegistry connectors;
    private final EngineServices services;
    private final TaskCacheLookup cache;
    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private final Map<String, RunningAttempt> running = new ConcurrentHashMap<>();

    RunAttempts(
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
        this.cache = new TaskCacheLookup(pipeline.id(), run.runId(), masker, services);
    }

    /** The run these attempts are of. */
    RunRecord run() {
        return run;
    }

    /** The connector types this run started with. */
    ConnectorRegistry connectors() {
        return connectors;
    }

    /** The number of the task's next attempt, counted. */
    int next(String taskId) {
        return numbers.merge(taskId, 1, Integer::sum);
    }

    /** How many attempts the task has had. */
    int count(String taskId) {
        return numbers.getOrDefault(taskId, 0);
    }

    /** The task had this many attempts in an earlier process of the agent. */
    void restoreCount(String taskId, int count) {
        numbers.put(taskId, count);
    }

    RunningAttempt create(Task task, int number, Instant startedAt) {
        LogBudget budget = services.settings().logBudget().with(task.logBudget());
        TaskLog log = new TaskLog(
                run.runId(),
                task.id(),
                number,
                masker,
                services.clock(),
                budget,
                Optional.of(services.settings()
                                .outputDirectory()
                                .resolve(run.runId())
                                .resolve("logs")
                                .resolve(task.id() + "-" + number + ".log.gz"))
                        .filter(file -> budget.keepWhole()));
        AttemptContext context = new AttemptContext(
                run.runId(),
                pipeline.id(),
                task.id(),
                number,
                run.logicalTime(),
                log,
                services.settings().scratchRoot().resolve(run.runId()).resolve(task.id() + "-" + number),
                services.settings().configDirectory(),
                services.processGroups(),
                group -> services.store()
                        .recordProcessGroup(new TaskProcessGroup(
                                run.runId(), task.id(), number, group.id(), group.leaderStartTicks())));
        return new RunningAttempt(task.id(), number, context, startedAt);
    }

    /**
     * Runs the attempt's code (an action call, or a sensor's poke) on a worker thread, with {@code data} as its
     * input, its templates seeing {@code outputs.<task>} of its dependencies; through the task's cache when it has
     * one. It counts as running until {@link #remove}d.
     *
     * @param outputs the outputs of the run's tasks that succeeded so far, read now
     * @param returned told on that worker, with what the code returned, once it has
     */
    void execute(
            Task task,
            RunningAttempt attempt,
            Object data,
            Map<String, Object> outputs,
            BiConsumer<RunningAttempt, AttemptResult> returned) {
        running.put(task.id(), attempt);
        Map<String, Object> taskVariables = TaskVariables.of(variables, task, outputs);
        if (task.sensor().isPresent()) {
            attempt.poke();
        }
        AttemptContext context = attempt.context();
        services.threads().workers().execute(() -> {
            AttemptResult result;
            try {
                result = cache.run(
                        task,
                        taskVariables,
                        data,
                        context,
                        () -> services.runner().run(task, taskVariables, data, context, pool, connectors));
            } catch (Throwable error) { // even an OutOfMemoryError must end the attempt, not the thread
                result = AttemptResult.failure(error);
            }
            context.finishedRunning(); // no stop's interrupt may reach the database writes below
            returned.accept(attempt, result);
        });
    }

    /** The task's attempt no longer runs its code (it ended, or a sensor waits for its next poke). */
    void remove(String taskId) {
        running.remove(taskId);
        services.settings().pools().release(run.runId(), taskId);
        services.settings().resources().release(run.runId(), taskId);
    }

    /** The task's attempt running its code now, if it has one. */
    Optional<RunningAttempt> runningOf(String taskId) {
        return Optional.ofNullable(running.get(taskId));
    }

    int runningCount() {
        return running.size();
    }

    boolean noneRunning() {
        return running.isEmpty();
    }

    /** The attempts running their code now; a live view, safe to read without the lock. */
    Collection<RunningAttempt> running() {
        return running.values();
    }

    List<RunningAttempt> runningNow() {
        return List.copyOf(running.values());
    }
}
