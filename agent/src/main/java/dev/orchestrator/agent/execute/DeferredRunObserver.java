package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An observer bound once, after the engine exists. Hooks start runs and runs call hooks: one side of that
 * cycle has to be connected second, and this is where. Until bound, nothing is told.
 */
public final class DeferredRunObserver implements RunObserver {

    private final AtomicReference<RunObserver> target = new AtomicReference<>(RunObserver.NONE);

    /** @throws IllegalStateException when already bound */
    public void bind(RunObserver observer) {
        if (!target.compareAndSet(RunObserver.NONE, observer)) {
            throw new IllegalStateException("the run observer is already bound");
        }
    }

    @Override
    public void runChanged(String runId, String pipelineId, RunState state) {
        target.get().runChanged(runId, pipelineId, state);
    }

    @Override
    public void taskChanged(String runId, String taskId, TaskState state, int attempt) {
        target.get().taskChanged(runId, taskId, state, attempt);
    }

    @Override
    public void logged(List<LogLine> lines) {
        target.get().logged(lines);
    }

    @Override
    public void taskFinished(
            Pipeline pipeline, String runId, String taskId, TaskState state, Map<String, Object> params) {
        target.get().taskFinished(pipeline, runId, taskId, state, params);
    }

    @Override
    public void runFinished(Pipeline pipeline, FinishedRun run) {
        target.get().runFinished(pipeline, run);
    }
}
