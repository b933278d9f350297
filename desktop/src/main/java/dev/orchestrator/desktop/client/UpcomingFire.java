package dev.orchestrator.desktop.client;

import java.time.OffsetDateTime;

/** A scheduled fire due soon. */
public record UpcomingFire(String pipelineId, OffsetDateTime fireTime) {}
