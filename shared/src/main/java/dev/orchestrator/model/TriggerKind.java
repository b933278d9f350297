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
    TEST;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
