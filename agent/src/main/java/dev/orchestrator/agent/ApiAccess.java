package dev.orchestrator.agent;

import dev.orchestrator.agent.access.AccessTokens;
import dev.orchestrator.agent.api.AuditResources;
import dev.orchestrator.agent.api.AuditTrail;
import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.api.TokenResources;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiAuditLog;
import dev.orchestrator.agent.store.jdbi.JdbiTokenStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who may use the API and what it did, wired for {@link AgentAssembly}: the tokens (the home's token file, the
 * first admin, and the named ones of the database), the audit trail of the state-changing requests, and their
 * routes ({@code /api/v1/tokens}, {@code /api/v1/audit}).
 */
record ApiAccess(AccessTokens tokens, AuditTrail audit, List<Route> routes) {

    /** @param actions each route's action name, {@code "METHOD template"} to the OpenAPI operation's id */
    static ApiAccess open(
            Database database, AgentHome home, AgentConfig config, Clock clock, Map<String, String> actions) {
        AccessTokens tokens = new AccessTokens(home.liveToken(), home.tokenFile(), new JdbiTokenStore(database), clock);
        JdbiAuditLog log = new JdbiAuditLog(database);
        List<Route> routes = new ArrayList<>(new TokenResources(tokens, config.zone()).routes());
        routes.addAll(new AuditResources(log, config.zone()).routes());
        return new ApiAccess(tokens, new AuditTrail(log, actions, config.agentId(), clock), List.copyOf(routes));
    }
}
