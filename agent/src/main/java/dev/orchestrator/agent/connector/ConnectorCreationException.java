package dev.orchestrator.agent.connector;

/** A connector's constructor failed for a reason that may pass (a service briefly down): retried as usual. */
public class ConnectorCreationException extends RuntimeException {

    public ConnectorCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
