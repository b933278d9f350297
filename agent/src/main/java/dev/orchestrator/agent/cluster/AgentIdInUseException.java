package dev.orchestrator.agent.cluster;

/** Another live agent on the same database goes by the id this one was started with. */
public final class AgentIdInUseException extends IllegalStateException {

    AgentIdInUseException(String message) {
        super(message);
    }
}
