package dev.orchestrator.agent.execute;

/**
 * The agent is stopping and starts no new runs: a trigger, an event, a backfill or a retry came too late. The API
 * answers it 409. An {@link IllegalStateException}, as the engine's methods always documented it.
 */
public final class AgentStoppingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    AgentStoppingException() {
        super("the agent is stopping and starts no new runs");
    }
}
