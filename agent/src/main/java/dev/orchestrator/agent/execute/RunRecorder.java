package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.AttemptOutcome;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateVariables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run tells the world: every change is committed to the store first and announced to the observer
 * only after, so nobody hears of a state the history does not hold; and every text that leaves the run (an
 * error, a reason) is masked here, in one place.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class RunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final EngineServices services;
    // the first error of a task that ended without success: what the run's notification says first
    private String firstError;

    RunRecorder(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            SecretMasker masker,
            EngineServices services) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
        this.masker = masker;
        this.services = services;
    }

    /** The run begins (a run created to start at once was stored as running already). */
    void runStarted() {
        if (run.status() != RunState.RUNNING) {
            services.store().markRunStarted(run.runId(), services.clock().instant());
        }
        services.observer().runChanged(run.runId(), run.pipelineId(), RunState.RUNNING);
    }

    void attemptStarted(String taskId, int number, Instant startedAt) {
        services.store().startAttempt(run.runId(), taskId, number, startedAt);
        services.observer().taskChanged(run.runId(), taskId, TaskState.RUNNING, number);
    }

    /**
     * An attempt ended as {@code outcome}, and its task is now {@code taskState} (retrying, or the outcome): its
     * last log lines, its error and its output go in one transaction, then are announced in the order they
     * happened.
     */
    void attemptFinished(
            RunningAttempt attempt,
            TaskState outcome,
            TaskState taskState,
            Instant finishedAt,
            Optional<Throwable> error,
            Optional<StoredOutput> stored,
            List<LogLine> lastLines) {
        String taskId = attempt.taskId();
        services.store()
                .finishAttempt(new AttemptOutcome(
                        run.runId(),
                        taskId,
                        attempt.number(),
                        outcome,
                        taskState,
                        attempt.startedAt(),
                        finishedAt,
                        error.map(e -> e.getClass().getName()),
                        error.map(e -> masker.mask(Texts.messageOf(e))),
                        error.map(e -> masker.mask(Texts.stackTraceOf(e))),
                        stored,
                        lastLines));
        services.settings().pools().release(run.runId(), taskId); // the attempt ended: its slots go back
        services.settings().resources().release(run.runId(), taskId); // and its resources
        if (!lastLines.isEmpty()) {
            services.observer().logged(lastLines); // before the state change, as they happened
        }
        services.observer().taskChanged(run.runId(), taskId, taskState, attempt.number());
        if (taskState.isTerminal()) {
            if (taskState != TaskState.SUCCESS && firstError == null && error.isPresent()) {
                firstError = masker.mask(Texts.firstLine(Texts.messageOf(error.get())));
            }
            services.observer().taskFinished(pipeline, run.runId(), taskId, taskState, params());
        }
    }

    /** Tasks that end without running (skipped, upstream failed, cancelled). */
    void finishedWithoutRunning(
            List<String> taskIds, TaskState state, String reason, ToIntFunction<String> attemptsOf) {
        if (taskIds.isEmpty()) {
            return;
        }
        services.store()
                .finishTasksWithoutRunning(
                        run.runId(), taskIds, state, services.clock().instant(), Optional.ofNullable(reason));
        for (String taskId : taskIds) {
            services.observer().taskChanged(run.runId(), taskId, state, attemptsOf.applyAsInt(taskId));
        }
    }

    /**
     * An operator's mark on a task: stored with the task. {@code announce} for a task that ends by the mark alone
     * (it had no attempt under way), which is announced as any task's end.
     */
    void taskMarked(String taskId, TaskMark mark, Optional<StoredOutput> output, int attempt, boolean announce) {
        services.store().markTask(run.runId(), taskId, mark, output);
        if (announce) {
            services.observer().taskChanged(run.runId(), taskId, mark.state(), attempt);
            services.observer().taskFinished(pipeline, run.runId(), taskId, mark.state(), params());
        }
    }

    /** Log lines of a running attempt, written now rather than when it ends. */
    void flushLogs(RunningAttempt attempt) {
        attempt.context().taskLog().flushTo(services.store(), services.observer());
    }

    /**
     * The run ended as {@code outcome}: recorded, then announced.
     *
     * @return the state the run ends in: the outcome's, or the end another agent recorded first
     */
    RunState runFinished(RunOutcome outcome) {
        if (!services.store()
                .finishRun(
                        run.runId(),
                        outcome.state(),
                        services.clock().instant(),
                        outcome.reason().map(masker::mask))) {
            return keepEarlierEnd(outcome.state());
        }
        services.observer().runChanged(run.runId(), run.pipelineId(), outcome.state());
        services.observer()
                .runFinished(
                        pipeline,
                        new FinishedRun(
                                run.runId(),
                                pipeline.id(),
                                outcome.state(),
                                run.triggerDepth(),
                                params(),
                                outcome.failedTasks(),
                                Optional.ofNullable(firstError)
                                        .or(() -> outcome.reason().map(Texts::firstLine)),
                                run.trigger()));
        return outcome.state();
    }

    /**
     * The run had ended in the store before this agent got to end it: another agent took this one for dead and
     * marked it crashed. That first end stands (runs are not revived by a late writer); its notifications were
     * that agent's to send.
     */
    private RunState keepEarlierEnd(RunState wouldHaveBeen) {
        RunState stored = services.store()
                .findRun(run.runId())
                .map(detail -> detail.run().status())
                .orElse(RunState.CRASHED);
        LOG.warn(
                "run {} ended here as {}, but it had ended already as {} (marked so by another agent that took "
                        + "this one for dead): it stays {}",
                run.runId(),
                wouldHaveBeen.yamlName(),
                stored.yamlName(),
                stored.yamlName());
        services.observer().runChanged(run.runId(), run.pipelineId(), stored);
        return stored;
    }

    /** Why the run crashed, masked: the engine itself failed while running it. */
    String crashReason(Throwable error) {
        return masker.mask("the engine failed while running this run: " + error);
    }

    /** Records the crash as well as the store still can; a store that fails too leaves it to crash recovery. */
    void runCrashed(String reason, Throwable error) {
        LOG.error("run {}: {}", run.runId(), reason, error);
        try {
            if (!services.store()
                    .finishRun(run.runId(), RunState.CRASHED, services.clock().instant(), Optional.of(reason))) {
                LOG.warn("run {} had ended already; it keeps that end", run.runId());
            }
        } catch (RuntimeException e) {
            // the store itself is failing: the next start's crash recovery records this run
            LOG.error("run {}: cannot record the crash: {}", run.runId(), e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params() {
        return (Map<String, Object>) variables.get(TemplateVariables.PARAMS);
    }
}
