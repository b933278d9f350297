package dev.orchestrator.api;

import java.time.OffsetDateTime;

/** Something that happened to a run besides its tasks (a hook failure, a refused trigger). */
public record RunEventDto(OffsetDateTime notedAt, String kind, String message) {}
