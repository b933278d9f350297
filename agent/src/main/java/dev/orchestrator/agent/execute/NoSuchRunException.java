package dev.orchestrator.agent.execute;

/** No run has this id (in this agent's history, which the agents of a cluster share). The API answers it 404. */
public final class NoSuchRunException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NoSuchRunException(String runId) {
        super("no run '" + runId + "'");
    }
}
