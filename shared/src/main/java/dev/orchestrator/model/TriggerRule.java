package dev.orchestrator.model;

import java.util.Locale;

/** When a task may start, given the final states of the tasks it depends on. */
public enum TriggerRule implements YamlName {
    /** Every dependency succeeded. */
    ALL_SUCCESS,
    /** Every dependency finished, whatever its state. */
    ALL_DONE,
    /** Every dependency finished and at least one of them failed or timed out. */
    ONE_FAILED,
    /**
     * Every dependency finished and none of them failed or timed out: skipped dependencies (by {@code run_if} or
     * a branch) do not stop the task, as they do under {@code all_success}.
     */
    NONE_FAILED;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
