package dev.orchestrator.model;

import java.time.Duration;

/** A task whose action is called every {@code pokeInterval} until its result is truthy. */
public record Sensor(Duration pokeInterval) {

    public static final Duration DEFAULT_POKE_INTERVAL = Duration.ofSeconds(60);
}
