package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every observer, in order; one that throws is logged and does not stop the others or the run. */
final class CompositeRunObserver implements RunObserver {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeRunObserver.class);

    private final List<RunObserver> observers;

    CompositeRunObserver(List<RunObserver> observers) {
        this.observers = observers;
    }

    @Override
    public void runChanged(String runId, String pipelineId, RunState state) {
        each(observer -> observer.runChanged(runId, pipelineId, state));
    }

    @Override
    public void taskChanged(String runId, String taskId, TaskState state, int attempt) {
        each(observer -> observer.taskChanged(runId, taskId, state, attempt));
    }

    @Override
    public void logged(List<LogLine> lines) {
        each(observer -> observer.logged(lines));
    }

    @Override
    public void taskFinished(
            Pipeline pipeline, String runId, String taskId, TaskState state, Map<String, Object> params) {
        each(observer -> observer.taskFinished(pipeline, runId, taskId, state, params));
    }

    @Override
    public void runFinished(Pipeline pipeline, FinishedRun run) {
        each(observer -> observer.runFinished(pipeline, run));
    }

    private void each(Consumer<RunObserver> call) {
        for (RunObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.error("{} failed: {}", observer.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
