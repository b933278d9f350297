package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.InvalidParamException;
import dev.orchestrator.template.ParamBinding;
import dev.orchestrator.template.TemplateVariables;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates runs: the row (id, logical time, parameters with their secrets masked) and the coordinator that will
 * drive it. Thread-safe.
 */
final class NewRuns {

    private final EngineServices services;
    private final RunIds runIds;

    NewRuns(EngineServices services) {
        this.services = services;
        this.runIds = new RunIds(services.clock());
    }

    /** A run's row and template variables. */
    record Parts(RunRecord run, Map<String, Object> variables) {}

    /**
     * A run's row, not yet stored, and its template variables.
     *
     * @param running true for a run stored as running at once (a scheduled start), false for a queued one
     * @param owner   the agent that will run it: this one, or the one it is handed to
     */
    Parts parts(
            Pipeline pipeline, RunRequest request, SecretMasker masker, Instant now, boolean running, String owner) {
        ZonedDateTime logicalTime = request.logicalTime()
                .orElseGet(() -> now.atZone(
                        pipeline.schedule().zoneOr(services.settings().zone())))
                .truncatedTo(ChronoUnit.SECONDS);
        String runId = runIds.next(now);
        Map<String, Object> params = bindParams(pipeline, request, logicalTime, runId);
        RunRecord run = new RunRecord(
                runId,
                pipeline.id(),
                running ? RunState.RUNNING : RunState.QUEUED,
                request.trigger(),
                logicalTime,
                maskValues(params, masker),
                now,
                running ? Optional.of(now) : Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                request.parentRunId(),
                request.triggerDepth(),
                owner,
                services.settings().revisions().revisionOf(pipeline));
        return new Parts(run, TemplateVariables.forRun(logicalTime, runId, pipeline.id(), params));
    }

    /**
     * The trigger's values over the pipeline's defaults, typed as its declarations say; names it does not know are
     * refused only from a person (the API, the CLI, the console): hooks, events and calling pipelines pass their own.
     *
     * @throws InvalidParamException before anything is stored, for a value the declarations refuse
     */
    private Map<String, Object> bindParams(
            Pipeline pipeline, RunRequest request, ZonedDateTime logicalTime, String runId) {
        TriggerKind kind = request.trigger();
        boolean fromAPerson = kind == TriggerKind.API || kind == TriggerKind.MANUAL;
        Map<String, Object> variables = TemplateVariables.forRun(logicalTime, runId, pipeline.id(), Map.of());
        return ParamBinding.bind(
                pipeline,
                request.params(),
                fromAPerson,
                text -> services.templates().renderText(text, variables, "params"));
    }

    RunCoordinator coordinator(Pipeline pipeline, Parts parts, SecretMasker masker) {
        return new RunCoordinator(pipeline, parts.run(), parts.variables(), masker, services);
    }

    /**
     * Creates the run's committed row (queued) and its coordinator; what it takes over from an earlier run it
     * re-runs (the outputs of successful tasks, tasks marked skipped) is recorded so. Once the row is committed, a
     * failure ends the run as crashed, never leaves it queued.
     */
    RunCoordinator create(Pipeline pipeline, RunRequest request, SecretMasker masker, TakenOver takenOver) {
        Instant now = services.clock().instant();
        Parts parts =
                parts(pipeline, request, masker, now, false, services.settings().agentId());
        services.store().insertRun(parts.run(), taskIds(pipeline));
        try {
            RunCoordinator coordinator = coordinator(pipeline, parts, masker);
            takenOver.outputs().forEach((taskId, output) -> {
                services.store()
                        .reuseTask(
                                parts.run().runId(),
                                taskId,
                                services.outputs()
                                        .store(parts.run().runId(), taskId, output, masker)
                                        .orElse(new StoredOutput(Optional.empty(), Optional.empty(), 0)),
                                now);
                coordinator.reuse(taskId, output);
            });
            takenOver.skipped().forEach((taskId, reason) -> {
                services.store()
                        .finishTasksWithoutRunning(
                                parts.run().runId(), List.of(taskId), TaskState.SKIPPED, now, Optional.of(reason));
                coordinator.keepSkipped(taskId);
            });
            return coordinator;
        } catch (RuntimeException e) {
            // the row is committed: it must not stay queued
            services.store()
                    .finishRun(
                            parts.run().runId(),
                            RunState.CRASHED,
                            services.clock().instant(),
                            Optional.of(masker.mask("the run could not be started: " + e)));
            throw e;
        }
    }

    static List<String> taskIds(Pipeline pipeline) {
        return pipeline.tasks().stream().map(Task::id).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> maskValues(Map<String, Object> params, SecretMasker masker) {
        return (Map<String, Object>) masker.maskTree(params);
    }
}
