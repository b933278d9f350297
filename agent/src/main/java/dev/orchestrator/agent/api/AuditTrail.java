package dev.orchestrator.agent.api;

import dev.orchestrator.agent.access.Caller;
import dev.orchestrator.agent.store.AuditLog;
import dev.orchestrator.agent.store.AuditLog.AuditEntry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each state-changing request ({@link Route#audited()}: POST, PUT, DELETE) to the audit log once its status
 * is known and before it is answered, whatever the status (a 401 or 403 too): who (the token's name), the method
 * and route template, the action (the operation's id in the OpenAPI document), the target (the path's ids joined
 * by {@code /}), the status. Reads are never written. Thread-safe.
 */
public final class AuditTrail {

    /** Writes nothing: for servers without a database (tests of the server alone). */
    public static final AuditTrail NONE = new AuditTrail(null, Map.of(), "", Clock.systemUTC());

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final String WRITTEN = AuditTrail.class.getName() + ".written";

    private final AuditLog log;
    private final Map<String, String> actions;
    private final String agentId;
    private final Clock clock;

    /** @param actions each route's action name by {@code "METHOD template"} ({@link OpenApiResource#operationIds}) */
    public AuditTrail(AuditLog log, Map<String, String> actions, String agentId, Clock clock) {
        this.log = log;
        this.actions = Map.copyOf(actions);
        this.agentId = agentId;
        this.clock = clock;
    }

    /** Notes a request answered with {@code status}, if it goes to the audit log and was not noted already. */
    void record(Request request, int status) {
        Router.Found found = Routing.found(request);
        if (log == null || found == null || !found.route().audited() || request.getAttribute(WRITTEN) != null) {
            return;
        }
        request.setAttribute(WRITTEN, true);
        Route route = found.route();
        AuditEntry entry = new AuditEntry(
                0,
                clock.instant(),
                AccessCheck.caller(request).map(Caller::name).orElse(Caller.NOBODY),
                route.method(),
                route.template(),
                action(route),
                String.join("/", found.pathParameters().values()),
                status,
                agentId);
        try {
            log.record(entry);
        } catch (RuntimeException e) {
            // what was done is done: the client is told its outcome, the agent's log says the entry is missing
            LOG.error("cannot write to the audit log: {} (the entry: {})", e.toString(), entry);
        }
    }

    private String action(Route route) {
        String action = actions.get(route.toString());
        return action != null ? action : route.toString().toLowerCase(Locale.ROOT);
    }
}
