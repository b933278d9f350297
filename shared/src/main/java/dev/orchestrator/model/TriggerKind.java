package dev.orchestrator.model;

import java.util.Locale;

/** What started a run. */
public enum TriggerKind implements YamlName {
    SCHEDULE,
    MANUAL,
    API,
    BACKFILL,
    HOOK,
    RETRY,
    EVENT,
    /** {@code orchestrator test}: one task run on its own; no alerts, no hooks, no failure streak. */
    TEST,
    /** A {@code pipeline:} task of another run started it (issue 19): a child run, its parent run and task recorded. */
    PIPELINE;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
