package dev.orchestrator.agent.connector;

/**
 * A task that cannot work as configured: an unknown connector or action, arguments that do not bind, a
 * connector config that its constructor refuses. Never retried: trying again gives the same answer.
 */
public class ConnectorConfigurationException extends RuntimeException {

    public ConnectorConfigurationException(String message) {
        super(message);
    }

    public ConnectorConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
