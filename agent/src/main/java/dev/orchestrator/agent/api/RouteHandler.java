package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.access.Caller;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The last handler of the chain: reads the request's body and query, runs the route {@link Routing} found, and
 * writes its answer (noted in the {@link AuditTrail} first); an answer cached while its inputs stay the same ({@link Route#answerCachedWhileSame}) is
 * served from its bytes. Failures go up to {@link Routing}. Thread-safe.
 */
final class RouteHandler extends Handler.Abstract {

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final ResponseWriter writer;
    private final AuditTrail audit;
    private final Map<Route, CachedAnswer> cachedAnswers = new ConcurrentHashMap<>();

    RouteHandler(RequestBodies bodies, ObjectMapper json, ResponseWriter writer, AuditTrail audit) {
        this.bodies = bodies;
        this.json = json;
        this.writer = writer;
        this.audit = audit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        Router.Found found = Routing.found(request);
        Route route = found.route();
        byte[] body = bodies.read(request, route.maxBodyBytes().orElse(RequestBodies.MAX_BODY_BYTES));
        if (route.public_()) {
            RequestBodies.checkDeclaredJson(request, body);
        }
        ApiRequest apiRequest = new ApiRequest(
                request.getMethod(),
                request.getHttpURI().getDecodedPath(),
                found.pathParameters(),
                query(request.getHttpURI().getQuery()),
                request.getHeaders(),
                body,
                json,
                AccessCheck.caller(request).map(Caller::name).orElse(Caller.NOBODY));
        Object answer = answer(route, apiRequest);
        audit.record(request, answer == null ? 204 : 200);
        writer.answer(request, response, callback, answer);
        return true;
    }

    private Object answer(Route route, ApiRequest request) throws IOException {
        Optional<Supplier<List<Object>>> dependsOn = route.answerDependsOn();
        if (dependsOn.isEmpty()) {
            return route.handler().handle(request);
        }
        List<Object> inputs = dependsOn.get().get();
        CachedAnswer cached = cachedAnswers.get(route);
        if (cached == null || !cached.builtFrom(inputs)) {
            cached = new CachedAnswer(inputs, writer.serialize(route.handler().handle(request)));
            cachedAnswers.put(route, cached);
        }
        return cached;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "the query string is not URL-encoded correctly at '" + pair + "': " + e.getMessage());
            }
        }
        return query;
    }
}
