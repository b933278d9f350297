package dev.orchestrator.agent.api;

import dev.orchestrator.agent.access.AccessTokens;
import dev.orchestrator.api.Role;
import dev.orchestrator.api.TokenCreatedDto;
import dev.orchestrator.api.TokenDto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named API tokens, for admins: {@code GET /api/v1/tokens} (names, roles, created, last used: never a token),
 * {@code POST /api/v1/tokens} with {@code {"name": ..., "role": ...}} (the answer holds the token, the only time
 * it is shown) and {@code DELETE /api/v1/tokens/{name}} (it stops working at once).
 */
public final class TokenResources {

    private final AccessTokens tokens;
    private final ZoneId zone;

    public TokenResources(AccessTokens tokens, ZoneId zone) {
        this.tokens = tokens;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(
                Route.get(
                                "/api/v1/tokens",
                                request -> tokens.list().stream()
                                        .map(token -> new TokenDto(
                                                token.name(),
                                                token.role(),
                                                token.source(),
                                                time(token.createdAt()),
                                                token.lastUsedAt()
                                                        .map(this::time)
                                                        .orElse(null)))
                                        .toList())
                        .requires(Role.ADMIN),
                Route.post("/api/v1/tokens", this::create).requires(Role.ADMIN),
                Route.delete("/api/v1/tokens/{name}", this::revoke).requires(Role.ADMIN));
    }

    private Object create(ApiRequest request) {
        Map<?, ?> body = request.body(Map.class, Map.of());
        String name = body.get("name") instanceof String text ? text.strip() : null;
        AccessTokens.checkName(name).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        Role role = (body.get("role") instanceof String text ? Role.parse(text) : java.util.Optional.<Role>empty())
                .orElseThrow(() -> ApiException.badRequest(
                        "send the token's 'role': one of " + Role.labels() + "; got " + body.get("role")));
        return tokens.create(name, role)
                .map(created ->
                        new TokenCreatedDto(created.name(), created.role(), created.token(), time(created.createdAt())))
                .orElseThrow(() -> new ApiException(
                        409,
                        "conflict",
                        "there is a token named '" + name + "' already; revoke it first "
                                + "(orchestrator token revoke " + name + ") or choose another name"));
    }

    private Object revoke(ApiRequest request) {
        String name = request.pathParameter("name");
        if (name.equals(AccessTokens.HOME)) {
            throw ApiException.badRequest("'" + AccessTokens.HOME + "' is the agent home's token file: replace it "
                    + "with orchestrator token --rotate on the agent's machine");
        }
        if (!tokens.revoke(name)) {
            throw ApiException.notFound("no token named '" + name + "'; orchestrator token list shows them");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("revoked", true);
        return answer;
    }

    private OffsetDateTime time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }
}
