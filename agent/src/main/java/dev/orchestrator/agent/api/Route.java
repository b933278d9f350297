package dev.orchestrator.agent.api;

import dev.orchestrator.api.Role;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One endpoint: a method, a path template such as {@code /api/v1/runs/{run_id}} (a parameter takes one whole
 * segment), the role a token needs to use it, and what answers it. Every route but the public one declares its
 * role where it is declared, in one line: {@code Route.post("/api/v1/runs/{run_id}/cancel",
 * this::cancel).requires(Role.OPERATOR)}; the {@link Router} refuses a route without one. Every POST, PUT and
 * DELETE is written to the audit log unless declared {@link #changesNothing()}. Immutable.
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
    private final Role role;
    private final boolean changesNothing;
    private final Supplier<List<Object>> answerDependsOn;
    private final int maxBodyBytes;

    private Route(
            String method,
            String template,
            Handler handler,
            boolean public_,
            Role role,
            boolean changesNothing,
            Supplier<List<Object>> answerDependsOn,
            int maxBodyBytes) {
        this.method = method;
        this.template = template;
        this.handler = handler;
        this.public_ = public_;
        this.role = role;
        this.changesNothing = changesNothing;
        this.answerDependsOn = answerDependsOn;
        this.maxBodyBytes = maxBodyBytes;
    }

    private static Route of(String method, String template, Handler handler) {
        return new Route(method, template, handler, false, null, method.equals("GET"), null, 0);
    }

    public static Route get(String template, Handler handler) {
        return of("GET", template, handler);
    }

    public static Route post(String template, Handler handler) {
        return of("POST", template, handler);
    }

    public static Route put(String template, Handler handler) {
        return of("PUT", template, handler);
    }

    public static Route delete(String template, Handler handler) {
        return of("DELETE", template, handler);
    }

    /** Reachable without a token: only {@code /health}. */
    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, handler, true, null, true, null, 0);
    }

    /** The role a token needs for this route (a role covers the ones before it: see {@link Role}). */
    public Route requires(Role needed) {
        return new Route(method, template, handler, public_, needed, changesNothing, answerDependsOn, maxBodyBytes);
    }

    /** A POST that only reads (such as validating a text): not written to the audit log. */
    public Route changesNothing() {
        return new Route(method, template, handler, public_, role, true, answerDependsOn, maxBodyBytes);
    }

    /**
     * This route's answer is the same as long as each of these objects is the same instance (they are
     * immutable snapshots, replaced when they change), whatever the query: the server keeps the answer's
     * bytes and serves them again instead of building them anew. For lists asked for many times a second.
     */
    public Route answerCachedWhileSame(Supplier<List<Object>> inputs) {
        return new Route(method, template, handler, public_, role, changesNothing, inputs, maxBodyBytes);
    }

    /** This route takes request bodies up to {@code bytes}, more than the server's limit for other routes. */
    public Route acceptingBodiesUpTo(int bytes) {
        return new Route(method, template, handler, public_, role, changesNothing, answerDependsOn, bytes);
    }

    /** See {@link #acceptingBodiesUpTo}; empty for the server's limit. */
    Optional<Integer> maxBodyBytes() {
        return maxBodyBytes > 0 ? Optional.of(maxBodyBytes) : Optional.empty();
    }

    /** See {@link #answerCachedWhileSame}. */
    Optional<Supplier<List<Object>>> answerDependsOn() {
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

    /** The role this route needs; empty for the public route, and for a route that forgot to declare it. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** True when a request to it goes to the audit log: a POST, PUT or DELETE that may change something. */
    public boolean audited() {
        return !changesNothing;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
