package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Re-running a finished run from its failures (SPEC 4): what the new run is asked to do, and the outputs of the
 * earlier run's successful tasks, which it takes over instead of running them again. Stateless.
 */
final class RunRetry {

    private final EngineServices services;

    RunRetry(EngineServices services) {
        this.services = services;
    }

    /** The new run's request, and the outputs it reuses by task. */
    record Plan(RunRequest request, Map<String, Object> reused) {}

    /**
     * @throws NoSuchRunException           when there is no such run
     * @throws RunStillRunningException     when it has not finished
     * @throws OutputKeptElsewhereException when an output it reuses is kept by another agent
     */
    Plan plan(String runId, Pipeline pipeline) {
        RunDetail detail = services.store().findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        if (!detail.run().status().isTerminal()) {
            throw new RunStillRunningException(
                    runId, detail.run().status(), "cancel it or wait for it to finish before retrying");
        }
        RunRecord original = detail.run();
        Map<String, Object> reused = new LinkedHashMap<>();
        for (TaskRunRecord task : detail.tasks()) {
            if (task.status() == TaskState.SUCCESS
                    && pipeline.task(task.taskId()).isPresent()) {
                try {
                    reused.put(
                            task.taskId(),
                            services.store()
                                    .findOutput(runId, task.taskId())
                                    .map(services.outputs()::load)
                                    .orElse(null));
                } catch (UncheckedIOException e) {
                    // an output over the inline limit is a file in the home of the agent that ran the task
                    throw new OutputKeptElsewhereException(runId, task.taskId(), original.agentId(), e);
                }
            }
        }
        RunRequest request = new RunRequest(
                TriggerKind.RETRY,
                Optional.of(original.logicalTime()),
                original.params(),
                original.triggerDepth(),
                Optional.of(runId));
        return new Plan(request, reused);
    }
}
