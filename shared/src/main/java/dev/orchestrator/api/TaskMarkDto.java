package dev.orchestrator.api;

import java.time.OffsetDateTime;

/** An operator's mark on a task, in run detail: the state given by hand, who gave it, why, when. */
public record TaskMarkDto(String state, String by, String reason, OffsetDateTime at) {}
