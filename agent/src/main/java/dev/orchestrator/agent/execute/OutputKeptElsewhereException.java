package dev.orchestrator.agent.execute;

import java.io.UncheckedIOException;

/**
 * An output a run needs is a file in the home of the agent of the cluster that wrote it, and cannot be read here
 * (outputs over the inline limit are spilled to files). The API answers it 409: the other agent can do it.
 */
public final class OutputKeptElsewhereException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    OutputKeptElsewhereException(String runId, String taskId, String agentId, UncheckedIOException cause) {
        super(
                "the output of task " + taskId + " of run " + runId + " cannot be read here (" + cause.getMessage()
                        + "); it is kept by agent " + agentId + ", which ran it: retry the run through that agent",
                cause);
    }
}
