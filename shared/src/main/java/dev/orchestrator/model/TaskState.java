package dev.orchestrator.model;

import java.util.Locale;

/**
 * The states of one task within one run (SPEC 4). {@code WAITING} is a task that holds no thread and no slot:
 * an event wait until its event arrives, a sensor between two pokes.
 */
public enum TaskState implements YamlName {
    PENDING,
    RUNNING,
    WAITING,
    RETRYING,
    SUCCESS,
    FAILED,
    TIMEOUT,
    SKIPPED,
    UPSTREAM_FAILED,
    CANCELLED,
    CRASHED;

    /** True once the task will not change again within this run. */
    public boolean isTerminal() {
        return switch (this) {
            case PENDING, RUNNING, WAITING, RETRYING -> false;
            default -> true;
        };
    }

    /** True for the terminal states that count as the task not having done its work. */
    public boolean isFailure() {
        return this == FAILED || this == TIMEOUT || this == CRASHED;
    }

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
