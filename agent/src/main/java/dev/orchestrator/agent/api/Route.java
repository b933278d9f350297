package dev.orchestrator.agent.api;

import java.util.List;
import java.util.Optional;

/**
 * One endpoint: a method, a path template such as {@code /api/v1/runs/{run_id}} (a parameter takes one whole
 * segment), and what answers it. The {@link Router} finds the route of a request. Immutable.
 */
public final class Route {

    /** Answers a request with the object to send back as JSON (null for an empty 204). */
    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    private final String method;
    private final String template;
    private final Handler handler;
    private final boolean public_;
    private final java.util.function.Supplier<List<Object>> answerDependsOn;
    private final int maxBodyBytes;

    private Route(String method, String template, Handler handler, boolean public_) {
        this(method, template, handler, public_, null, 0);
    }

    private Route(
            String method,
            String template,
            Handler handler,
            boolean public_,
            java.util.function.Supplier<List<Object>> answerDependsOn,
            int maxBodyBytes) {
        this.method = method;
        this.template = template;
        this.handler = handler;
        this.public_ = public_;
        this.answerDependsOn = answerDependsOn;
        this.maxBodyBytes = maxBodyBytes;
    }

    public static Route get(String template, Handler handler) {
        return new Route("GET", template, handler, false);
    }

    public static Route post(String template, Handler handler) {
        return new Route("POST", template, handler, false);
    }

    public static Route put(String template, Handler handler) {
        return new Route("PUT", template, handler, false);
    }

    public static Route delete(String template, Handler handler) {
        return new Route("DELETE", template, handler, false);
    }

    /** Reachable without a token: only {@code /health}. */
    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, handler, true);
    }

    /**
     * This route's answer is the same as long as each of these objects is the same instance (they are
     * immutable snapshots, replaced when they change), whatever the query: the server keeps the answer's
     * bytes and serves them again instead of building them anew. For lists asked for many times a second.
     */
    public Route answerCachedWhileSame(java.util.function.Supplier<List<Object>> inputs) {
        return new Route(method, template, handler, public_, inputs, maxBodyBytes);
    }

    /** This route takes request bodies up to {@code bytes}, more than the server's limit for other routes. */
    public Route acceptingBodiesUpTo(int bytes) {
        return new Route(method, template, handler, public_, answerDependsOn, bytes);
    }

    /** See {@link #acceptingBodiesUpTo}; empty for the server's limit. */
    Optional<Integer> maxBodyBytes() {
        return maxBodyBytes > 0 ? Optional.of(maxBodyBytes) : Optional.empty();
    }

    /** See {@link #answerCachedWhileSame}. */
    Optional<java.util.function.Supplier<List<Object>>> answerDependsOn() {
        return Optional.ofNullable(answerDependsOn);
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    public Handler handler() {
        return handler;
    }

    public boolean public_() {
        return public_;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
