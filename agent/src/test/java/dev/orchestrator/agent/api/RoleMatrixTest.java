package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.api.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20's role matrix over real HTTP: every route the agent serves, asked with a token of every role, is refused
 * 403 exactly when the role does not cover the route's declared one; every state-changing request is in the audit
 * log with its token, route and status, and no read is.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RoleMatrixTest {

    /** The roles of the routes as issue 20 asks; routes added later are held to their own declaration. */
    private static final Map<String, Role> DOCUMENTED = Map.ofEntries(
            Map.entry("GET /pipelines", Role.VIEWER),
            Map.entry("GET /api/v1/runs", Role.VIEWER),
            Map.entry("GET /api/v1/runs/{run_id}", Role.VIEWER),
            Map.entry("GET /api/v1/logs/export.csv", Role.VIEWER),
            Map.entry("POST /api/v1/validate", Role.VIEWER),
            Map.entry("POST /trigger/{id}", Role.OPERATOR),
            Map.entry("POST /pause/{id}", Role.OPERATOR),
            Map.entry("POST /resume/{id}", Role.OPERATOR),
            Map.entry("POST /api/v1/runs/{run_id}/cancel", Role.OPERATOR),
            Map.entry("POST /api/v1/runs/{run_id}/retry", Role.OPERATOR),
            Map.entry("POST /api/v1/pipelines/{id}/backfill", Role.OPERATOR),
            Map.entry("POST /api/v1/events/{name}", Role.OPERATOR),
            Map.entry("POST /api/v1/runs/{run_id}/tasks/{task}/approve", Role.OPERATOR),
            Map.entry("POST /api/v1/runs/{run_id}/tasks/{task}/reject", Role.OPERATOR),
            Map.entry("GET /api/v1/approvals", Role.VIEWER),
            Map.entry("PUT /api/v1/pipelines/{id}/source", Role.EDITOR),
            Map.entry("GET /api/v1/tokens", Role.ADMIN),
            Map.entry("POST /api/v1/tokens", Role.ADMIN),
            Map.entry("DELETE /api/v1/tokens/{name}", Role.ADMIN),
            Map.entry("GET /api/v1/audit", Role.ADMIN),
            Map.entry("GET /api/v1/audit/export.csv", Role.ADMIN));

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: hello
                tasks:
                  - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
            """);

    private record Sent(String who, Route route, int status) {}

    @Test
    void everyRouteRefusesExactlyTheRolesBelowItsOwnAndEveryStateChangeIsAudited() {
        List<Route> routes = agent.agent().routes();
        Map<String, Route> byName = new LinkedHashMap<>();
        routes.forEach(route -> byName.put(route.toString(), route));
        DOCUMENTED.forEach(
                (route, role) -> assertThat(byName.get(route).role()).as(route).contains(role));
        Map<Role, String> tokens = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            tokens.put(role, create("matrix-" + role.label(), role));
        }
        long auditedBefore = auditTotal();

        List<Sent> sent = new ArrayList<>();
        for (Route route : routes) {
            if (route.public_()) {
                continue;
            }
            Role needed = route.role().orElseThrow();
            for (Role role : Role.values()) {
                String who = "matrix-" + role.label();
                int status = statusOf(route, tokens.get(role));
                if (role.covers(needed)) {
                    assertThat(status).as(route + " as " + role.label()).isNotEqualTo(403);
                    assertThat(status).as(route + " as " + role.label()).isNotEqualTo(401);
                } else {
                    assertThat(status).as(route + " as " + role.label()).isEqualTo(403);
                }
                sent.add(new Sent(who, route, status));
            }
        }

        // a refusal names both roles
        Route cancel = byName.get("POST /api/v1/runs/{run_id}/cancel");
        LiveAgent.Answer refused = agent.send(request(cancel, tokens.get(Role.VIEWER)));
        JsonNode body = refused.json(agent.json);
        assertThat(body.get("error").asText()).isEqualTo("forbidden");
        assertThat(body.get("required_role").asText()).isEqualTo("operator");
        assertThat(body.get("token_role").asText()).isEqualTo("viewer");
        assertThat(body.get("message").asText())
                .contains("operator")
                .contains("viewer")
                .contains("matrix-viewer");

        List<Sent> changes = new ArrayList<>(
                sent.stream().filter(request -> request.route().audited()).toList());
        changes.add(new Sent("matrix-viewer", cancel, 403));
        assertThat(changes).hasSizeGreaterThan(40);
        JsonNode audit = agent.get("/api/v1/audit?size=500").json(agent.json);
        assertThat(audit.get("total").asLong() - auditedBefore)
                .as("one entry per state-changing request, none for reads")
                .isEqualTo(changes.size());
        Set<String> written = new HashSet<>();
        for (JsonNode entry : audit.get("items")) {
            assertThat(entry.get("method").asText()).isNotEqualTo("GET");
            written.add(entry.get("who").asText() + " " + entry.get("method").asText() + " "
                    + entry.get("route").asText() + " " + entry.get("status").asInt());
        }
        for (Sent change : changes) {
            assertThat(written).as("audited").contains(change.who() + " " + change.route() + " " + change.status());
        }
        assertThat(written).noneMatch(line -> line.contains("/api/v1/validate"));
    }

    private String create(String name, Role role) {
        LiveAgent.Answer created =
                agent.post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role.label() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json(agent.json).get("token").asText();
    }

    private long auditTotal() {
        return agent.get("/api/v1/audit?size=1").json(agent.json).get("total").asLong();
    }

    /** The status only: an event stream's body never ends, so none is read. */
    private int statusOf(Route route, String token) {
        try (Response response = agent.http.newCall(request(route, token)).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + route, e);
        }
    }

    private Request request(Route route, String token) {
        String path = route.template().replaceAll("\\{[a-z_]+}", "x1");
        Request.Builder request = new Request.Builder().url(agent.url(path)).header("Authorization", "Bearer " + token);
        if (!route.method().equals("GET")) {
            request.method(route.method(), RequestBody.create("{}", LiveAgent.JSON_TYPE));
        }
        return request.build();
    }
}
