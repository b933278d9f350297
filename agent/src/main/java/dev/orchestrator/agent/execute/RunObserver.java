package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.List;

/**
 * Hears about runs after each change is committed: the event stream, alerts and hooks plug in here. Called on
 * the engine's threads, so implementations must be quick and thread-safe, and must not throw.
 */
public interface RunObserver {

    RunObserver NONE = new RunObserver() {};

    default void runChanged(String runId, String pipelineId, RunState state) {}

    default void taskChanged(String runId, String taskId, TaskState state, int attempt) {}

    default void logged(List<LogLine> lines) {}

    /** A task ran and ended for good (success, failed, timeout); its state is in the store. */
    default void taskFinished(
            Pipeline pipeline, String runId, String taskId, TaskState state, java.util.Map<String, Object> params) {}

    /** The run ended; its detail is in the store. */
    default void runFinished(Pipeline pipeline, FinishedRun run) {}

    /** Several observers as one, each shielded from the others' failures. */
    static RunObserver all(List<RunObserver> observers) {
        return new CompositeRunObserver(List.copyOf(observers));
    }
}
