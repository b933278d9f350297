package dev.orchestrator.cron;

/** A {@code cron_expr} that cannot be parsed; the message quotes it and says what is wrong. */
public final class InvalidCronException extends IllegalArgumentException {

    public InvalidCronException(String message) {
        super(message);
    }
}
