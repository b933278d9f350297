package dev.orchestrator.api;

import java.time.OffsetDateTime;

/**
 * One state-changing request as the audit log keeps it ({@code GET /api/v1/audit}): who made it (the token's name,
 * {@code -} without a valid token), the method and route template, the action (the operation's id in the OpenAPI
 * document), its target (the path's ids, such as a run id, or {@code pipeline/task}), the HTTP status it got, and
 * the agent that answered it.
 */
public record AuditEntryDto(
        long id,
        OffsetDateTime at,
        String who,
        String method,
        String route,
        String action,
        String target,
        int status,
        String agentId) {}
