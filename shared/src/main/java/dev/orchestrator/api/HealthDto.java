package dev.orchestrator.api;

/** {@code GET /health}: {@code status} is {@code ok} (a 503 with an {@link ErrorDto} otherwise). */
public record HealthDto(String status, String version, long uptimeSeconds) {}
