package dev.orchestrator.model;

/** How a pipeline is started. */
public enum ScheduleType implements YamlName {
    CRON,
    INTERVAL,
    MANUAL,
    EVENT;

    @Override
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
