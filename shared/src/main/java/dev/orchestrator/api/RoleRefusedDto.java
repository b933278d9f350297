package dev.orchestrator.api;

import dev.orchestrator.diagnostic.Diagnostic;
import java.util.List;

/**
 * The 403 of a request beyond its token's role: {@code error} is {@code forbidden}, the message names both roles,
 * and so do {@code required_role} (what the route needs) and {@code token_role} (what the token has).
 */
public record RoleRefusedDto(
        String error, String message, List<Diagnostic> diagnostics, Role requiredRole, Role tokenRole) {}
