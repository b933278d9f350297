package dev.orchestrator.agent.execute;

import dev.orchestrator.model.RunState;

/** A run that has not ended was asked for what only an ended run allows (a retry). The API answers it 409. */
public final class RunStillRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    RunStillRunningException(String runId, RunState state, String toDoFirst) {
        super("run " + runId + " is still " + state.yamlName() + "; " + toDoFirst);
    }
}
