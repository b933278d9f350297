package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.RunQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.model.Notify;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a test run of one task runs ({@code orchestrator test PIPELINE TASK}): a copy of the pipeline holding the
 * task and its direct dependencies, these done already with their outputs (given, else the last successful
 * run's), without hooks or alerts.
 *
 * @param sources where each dependency's output came from: {@code "given"} or the run id it was stored by
 */
public record TaskTest(Pipeline pipeline, Map<String, Object> reused, Map<String, String> sources) {

    /** A test run started, and where its inputs came from. */
    public record Started(String runId, Map<String, String> inputSources) {}

    static TaskTest of(
            Pipeline pipeline,
            String taskId,
            Map<String, Object> given,
            RunHistory store,
            Function<StoredOutput, Object> load) {
        Task task = pipeline.task(taskId)
                .orElseThrow(() -> new IllegalArgumentException("pipeline " + pipeline.id()
                        + " has no task '" + taskId + "'; its tasks: "
                        + pipeline.tasks().stream().map(Task::id).collect(Collectors.joining(", "))));
        for (String name : given.keySet()) {
            if (!task.dependsOn().contains(name)) {
                throw new IllegalArgumentException("task " + taskId + " does not depend on '" + name + "'; "
                        + (task.dependsOn().isEmpty()
                                ? "it depends on no task"
                                : "it depends on " + String.join(", ", task.dependsOn())));
            }
        }
        Optional<RunRecord> lastSuccess = Optional.empty();
        if (!given.keySet().containsAll(task.dependsOn())) {
            Page<RunRecord> runs = store.findRuns(new RunQuery(
                    Optional.of(pipeline.id()),
                    Optional.of(RunState.SUCCESS),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    1,
                    1));
            lastSuccess = runs.items().stream().findFirst();
        }
        Map<String, Object> reused = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (String dependency : task.dependsOn()) {
            if (given.containsKey(dependency)) {
                reused.put(dependency, given.get(dependency));
                sources.put(dependency, "given");
            } else {
                if (lastSuccess.isEmpty()) {
                    throw new IllegalArgumentException("task " + taskId + " needs the output of " + dependency
                            + ", and no successful run of " + pipeline.id() + " has one; give it with --input "
                            + dependency + "=JSON");
                }
                // a task that returned nothing has no stored output: null, as in the run itself
                reused.put(
                        dependency,
                        store.findOutput(lastSuccess.get().runId(), dependency)
                                .map(load)
                                .orElse(null));
                sources.put(dependency, lastSuccess.get().runId());
            }
            pipeline.task(dependency).ifPresent(upstream -> tasks.add(alone(upstream, List.of(), Optional.empty())));
        }
        tasks.add(alone(task, task.dependsOn(), task.passOutputFrom()));
        Pipeline copy = new Pipeline(
                pipeline.id(),
                pipeline.name(),
                pipeline.description(),
                pipeline.labels(),
                pipeline.schedule(),
                pipeline.params(),
                pipeline.paramDeclarations(),
                pipeline.maxConcurrency(),
                pipeline.stopOnFailure(),
                pipeline.timeout(),
                Optional.empty(),
                Optional.empty(),
                new Notify(false, false, false, 1, List.of()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                tasks,
                pipeline.source());
        return new TaskTest(copy, reused, sources);
    }

    /** The task without hooks, depending on {@code dependsOn} only. */
    private static Task alone(Task task, List<String> dependsOn, Optional<String> passOutputFrom) {
        return new Task(
                task.id(),
                task.name(),
                task.connector(),
                task.connectorConfig(),
                task.action(),
                task.actionKwargs(),
                dependsOn,
                passOutputFrom,
                task.retry(),
                task.timeout(),
                task.triggerRule(),
                Optional.empty(),
                Optional.empty(),
                task.waitFor(),
                task.sensor(),
                task.logBudget(),
                task.forEach(),
                task.call(),
                task.runIf(),
                task.cache(),
                task.rollback(),
                task.approval(),
                task.pool(),
                task.resources());
    }
}
