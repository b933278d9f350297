package dev.orchestrator.model;

import java.util.Locale;

/** The states of one pipeline run (SPEC 4). */
public enum RunState implements YamlName {
    QUEUED,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELLED,
    CRASHED;

    /** True once the run will not change again (a retry creates new task attempts, not a new state). */
    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
