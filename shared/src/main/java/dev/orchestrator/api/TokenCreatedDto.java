package dev.orchestrator.api;

import java.time.OffsetDateTime;

/** The answer to {@code POST /api/v1/tokens}: the only time the token itself is shown. */
public record TokenCreatedDto(String name, Role role, String token, OffsetDateTime createdAt) {}
