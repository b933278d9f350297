package dev.orchestrator.agent.store;

import java.time.Instant;

/** Something that happened to a run besides its tasks: a hook that failed, a trigger refused. */
public record RunEvent(Instant notedAt, String kind, String message) {}
