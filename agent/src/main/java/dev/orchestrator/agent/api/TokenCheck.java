package dev.orchestrator.agent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bearer-token authentication for every route but the public one ({@code /health}): a request without the
 * token is refused 401 before its body is read.
 */
final class TokenCheck extends Handler.Wrapper {

    private static final String SCHEME = "Bearer ";

    private final Supplier<String> token;

    /** @param token asked at each request, so a token replaced while the agent runs is the one accepted at once */
    TokenCheck(Supplier<String> token, Handler next) {
        super(next);
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Routing.found(request).route().public_()) {
            authenticate(request);
        }
        return super.handle(request, response, callback);
    }

    private void authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        // the scheme's name is case-insensitive (RFC 9110, 11.1)
        byte[] presented = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? header.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        // constant time: how much of a guess is right must not show in how long the answer takes
        byte[] accepted = token.get().getBytes(StandardCharsets.UTF_8);
        if (presented.length == 0 || !MessageDigest.isEqual(presented, accepted)) {
            throw new ApiException(
                    401,
                    "unauthorized",
                    "send 'Authorization: Bearer <token>'; the token is in "
                            + "the agent home (orchestrator token prints it)");
        }
    }
}
