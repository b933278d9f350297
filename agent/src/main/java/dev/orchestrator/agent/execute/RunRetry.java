package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-running a finished run (SPEC 4, issue 20): from its failures, or from a chosen task. What the new run is asked
 * to do, and the outputs of the earlier run's successful tasks, which it takes over instead of running them again.
 * Operators' marks on the earlier run count: a task marked success is taken over with its marked output, one marked
 * skipped stays skipped, one marked failed runs again with everything downstream of it. Stateless.
 */
final class RunRetry {

    private final EngineServices services;

    RunRetry(EngineServices services) {
        this.services = services;
    }

    /** The new run's request, and what it takes over. */
    record Plan(RunRequest request, TakenOver takenOver) {}

    /**
     * @param fromTask the task to run again with everything downstream of it, the other tasks' outputs reused;
     *                 empty to run again what did not succeed
     * @throws NoSuchRunException           when there is no such run
     * @throws NoSuchTaskException          when the pipeline has no task {@code fromTask}
     * @throws RunStillRunningException     when it has not finished
     * @throws OutputKeptElsewhereException when an output it reuses is kept by another agent
     */
    Plan plan(String runId, Pipeline pipeline, Optional<String> fromTask) {
        RunDetail detail = services.store().findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        if (fromTask.isPresent() && pipeline.task(fromTask.get()).isEmpty()) {
            throw new NoSuchTaskException(
                    "pipeline " + pipeline.id(),
                    fromTask.get(),
                    pipeline.tasks().stream().map(Task::id).toList());
        }
        if (!detail.run().status().isTerminal()) {
            throw new RunStillRunningException(
                    runId, detail.run().status(), "cancel it or wait for it to finish before retrying");
        }
        Set<String> again = new HashSet<>();
        fromTask.ifPresent(taskId -> runAgainFrom(taskId, pipeline, again));
        for (TaskRunRecord task : detail.tasks()) {
            if (task.mark().map(TaskMark::state).orElse(null) == TaskState.FAILED
                    && pipeline.task(task.taskId()).isPresent()) {
                runAgainFrom(task.taskId(), pipeline, again);
            }
        }
        RunRecord original = detail.run();
        Map<String, Object> reused = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (TaskRunRecord task : detail.tasks()) {
            if (again.contains(task.taskId()) || pipeline.task(task.taskId()).isEmpty()) {
                continue;
            }
            if (task.status() == TaskState.SUCCESS) {
                reused.put(task.taskId(), output(original, task.taskId()));
            } else if (task.status() == TaskState.SKIPPED && task.mark().isPresent()) {
                skipped.put(task.taskId(), "kept skipped: " + task.mark().get().describe() + " in run " + runId);
            }
        }
        RunRequest request = new RunRequest(
                TriggerKind.RETRY,
                Optional.of(original.logicalTime()),
                original.params(),
                original.triggerDepth(),
                Optional.of(runId));
        return new Plan(request, new TakenOver(reused, skipped));
    }

    private static void runAgainFrom(String taskId, Pipeline pipeline, Set<String> again) {
        again.add(taskId);
        again.addAll(pipeline.dag().downstreamOf(taskId));
    }

    private Object output(RunRecord original, String taskId) {
        try {
            return services.store()
                    .findOutput(original.runId(), taskId)
                    .map(services.outputs()::load)
                    .orElse(null);
        } catch (UncheckedIOException e) {
            // an output over the inline limit is a file in the home of the agent that ran the task
            throw new OutputKeptElsewhereException(original.runId(), taskId, original.agentId(), e);
        }
    }
}
