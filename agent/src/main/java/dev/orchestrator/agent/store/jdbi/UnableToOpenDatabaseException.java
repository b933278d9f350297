package dev.orchestrator.agent.store.jdbi;

/**
 * The database could not be reached or brought up to date. The message names it by kind and place, never with
 * its user or password, and says what to check.
 */
public final class UnableToOpenDatabaseException extends IllegalStateException {

    public UnableToOpenDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
