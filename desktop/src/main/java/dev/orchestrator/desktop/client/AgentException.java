package dev.orchestrator.desktop.client;

/**
 * An agent did not do what was asked: unreachable, token refused, or the request refused with its reason.
 * The message is written for the person at the console.
 */
public final class AgentException extends RuntimeException {

    /** Why, in the terms the console reacts to. */
    public enum Kind {
        UNREACHABLE,
        UNAUTHORIZED,
        REFUSED
    }

    private final Kind kind;
    private final int status;

    public AgentException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
