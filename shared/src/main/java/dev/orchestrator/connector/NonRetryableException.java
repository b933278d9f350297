package dev.orchestrator.connector;

/**
 * Thrown by an action when trying again cannot help (bad credentials, a 404, invalid input): the task fails
 * at once, whatever its retry settings.
 */
public class NonRetryableException extends RuntimeException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
