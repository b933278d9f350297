package dev.orchestrator.agent.api;

import dev.orchestrator.agent.access.Authenticator;
import dev.orchestrator.agent.access.Caller;
import dev.orchestrator.api.Role;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bearer-token authentication and the route's role for every route but the public one ({@code /health}): a
 * request without a valid token is refused 401, one whose token's role does not cover the route's 403
 * ({@link RoleRefusal}), both before its body is read. Who asked is left on the request for the audit log
 * ({@link #caller}).
 */
final class AccessCheck extends Handler.Wrapper {

    private static final String SCHEME = "Bearer ";
    private static final String CALLER = Caller.class.getName();

    private final Authenticator tokens;

    AccessCheck(Authenticator tokens, Handler next) {
        super(next);
        this.tokens = tokens;
    }

    /** Whom the request came from; empty before the check, or when it had no valid token. */
    static Optional<Caller> caller(Request request) {
        return Optional.ofNullable((Caller) request.getAttribute(CALLER));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Route route = Routing.found(request).route();
        if (!route.public_()) {
            Caller caller = authenticate(request);
            request.setAttribute(CALLER, caller);
            Role needed = route.role().orElse(Role.ADMIN);
            if (!caller.role().covers(needed)) {
                throw new RoleRefusal(route, caller.name(), needed, caller.role());
            }
        }
        return super.handle(request, response, callback);
    }

    private Caller authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        // the scheme's name is case-insensitive (RFC 9110, 11.1)
        String presented = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? header.substring(SCHEME.length()).strip()
                : "";
        return tokens.identify(presented)
                .orElseThrow(() -> new ApiException(
                        401,
                        "unauthorized",
                        "send 'Authorization: Bearer <token>'; the token is in "
                                + "the agent home (orchestrator token prints it), or made by an admin with "
                                + "orchestrator token create"));
    }
}
