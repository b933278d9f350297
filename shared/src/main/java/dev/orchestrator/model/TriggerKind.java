package dev.orchestrator.model;

import java.util.Locale;

/** What started a run. */
public enum TriggerKind implements YamlName {
    SCHEDULE, MANUAL, API, BACKFILL, HOOK, RETRY, EVENT;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
