package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;

/** One line of a run's log. */
public record LogLine(long id, String task, int attempt, String level, OffsetDateTime time, String message) {}
