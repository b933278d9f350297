package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.EventWait;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateVariables;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rebuilds, from the store, the coordinator of a run that an earlier process of the agent left only waiting (or
 * with {@code for_each} maps under way, which go on from their items): its template variables, the outputs of its
 * successful tasks, and which of its waits are stored. Stateless.
 */
final class RunResumption {

    private final EngineServices services;

    RunResumption(EngineServices services) {
        this.services = services;
    }

    /** Why the run cannot go on with this pipeline, if it cannot: the pipeline is gone, or its tasks changed. */
    static Optional<String> obstacle(RunDetail detail, Optional<Pipeline> pipeline) {
        String pipelineId = detail.run().pipelineId();
        if (pipeline.isEmpty()) {
            return Optional.of("the agent stopped while this run waited, and pipeline '" + pipelineId
                    + "' was no longer loaded (removed, or its file does not validate) when it started again");
        }
        if (!sameTasks(detail, pipeline.get())) {
            return Optional.of("the agent stopped while this run waited, and the tasks of pipeline '" + pipelineId
                    + "' changed before it started again; trigger a new run");
        }
        return Optional.empty();
    }

    /**
     * Why a run another agent of the cluster handed to this one cannot start here, if it cannot: this agent's
     * pipeline files differ from that agent's.
     */
    static Optional<String> handOverObstacle(RunDetail detail, Optional<Pipeline> pipeline, String agentId) {
        String pipelineId = detail.run().pipelineId();
        if (pipeline.isEmpty() || !sameTasks(detail, pipeline.get())) {
            return Optional.of("this run was handed to agent " + agentId + ", whose pipeline '" + pipelineId + "' "
                    + (pipeline.isEmpty() ? "is not loaded" : "has other tasks")
                    + "; give every agent of the cluster the same pipeline files");
        }
        return Optional.empty();
    }

    /** The same task ids, and each task left running (a map under way) still a map. */
    private static boolean sameTasks(RunDetail detail, Pipeline pipeline) {
        Set<String> stored = detail.tasks().stream().map(TaskRunRecord::taskId).collect(Collectors.toSet());
        Set<String> now = pipeline.tasks().stream().map(Task::id).collect(Collectors.toSet());
        Set<String> maps =
                pipeline.tasks().stream().filter(Task::isMap).map(Task::id).collect(Collectors.toSet());
        return stored.equals(now)
                && detail.tasks().stream()
                        .filter(task -> task.status() == TaskState.RUNNING)
                        .allMatch(task -> maps.contains(task.taskId()));
    }

    /** The run's coordinator with every task restored, ready to start. */
    RunCoordinator coordinator(RunDetail detail, Pipeline pipeline, SecretMasker masker) {
        String runId = detail.run().runId();
        Map<String, Object> params = params(pipeline, detail.run().params(), masker);
        Map<String, Object> variables =
                TemplateVariables.forRun(detail.run().logicalTime(), runId, pipeline.id(), params);
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (TaskRunRecord task : detail.tasks()) {
            if (task.status() == TaskState.SUCCESS) {
                outputs.put(
                        task.taskId(),
                        services.store()
                                .findOutput(runId, task.taskId())
                                .map(services.outputs()::load)
                                .orElse(null));
            }
        }
        Set<String> withWaitRow = new HashSet<>();
        List<EventWait> waits = services.waits().waitsOf(runId);
        waits.forEach(wait -> withWaitRow.add(wait.taskId()));
        RunCoordinator coordinator = new RunCoordinator(pipeline, detail.run(), variables, masker, services);
        coordinator.restore(detail, withWaitRow, outputs);
        return coordinator;
    }

    /**
     * The run's parameters as templates need them. The stored ones are masked; where a stored value is just the
     * masked form of the pipeline's default (a {@code ${VAR}} secret), the default is the real value.
     */
    private static Map<String, Object> params(Pipeline pipeline, Map<String, Object> stored, SecretMasker masker) {
        Map<String, Object> params = new LinkedHashMap<>(pipeline.params());
        stored.forEach((name, value) -> {
            Object fallback = pipeline.params().get(name);
            boolean maskedDefault = fallback != null
                    && java.util.Objects.equals(masker.maskTree(fallback), value)
                    && !java.util.Objects.equals(fallback, value);
            if (!maskedDefault) {
                params.put(name, value);
            }
        });
        return params;
    }
}
