package dev.orchestrator.model;

import java.util.Locale;

/** What the scheduler does with fire times that passed while the agent was down. */
public enum MisfirePolicy implements YamlName {
    /** One run now for all the fire times that were missed. */
    RUN_ONCE,
    /** Nothing now; wait for the next fire time. */
    SKIP,
    /** One run for each missed fire time, each with its own logical time. */
    RUN_ALL;

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
