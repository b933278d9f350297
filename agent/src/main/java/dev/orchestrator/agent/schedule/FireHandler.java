package dev.orchestrator.agent.schedule;

import java.time.Instant;

/** What a scheduled fire does. Called on Quartz's threads; must not throw. */
@FunctionalInterface
public interface FireHandler {

    /**
     * @param scheduledFor the fire time the trigger was set for (long past, after downtime)
     */
    void fired(String pipelineId, Instant scheduledFor);
}
