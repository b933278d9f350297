package dev.orchestrator.api;

import java.time.OffsetDateTime;

/**
 * A named API token as {@code GET /api/v1/tokens} lists it: never the token itself. {@code source} is
 * {@code database} for tokens made with {@code orchestrator token create}, {@code home} for the agent home's token
 * file (the first admin); {@code lastUsedAt} is null for a token never used (to the minute).
 */
public record TokenDto(String name, Role role, String source, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {}
