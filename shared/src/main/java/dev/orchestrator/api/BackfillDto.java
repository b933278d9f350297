package dev.orchestrator.api;

import java.util.List;

/** The answer to {@code POST /api/v1/pipelines/{id}/backfill}: the runs created, oldest logical time first. */
public record BackfillDto(List<String> runIds) {}
