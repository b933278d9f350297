package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.access.Authenticator;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP API on embedded Jetty (its core handler API, no servlets): this class starts and stops it, and
 * chains its handlers: {@link Routing} finds the route (and answers every failure below it through the
 * {@link ErrorMapper}, so a connection is never just dropped), {@link HostCheck} and {@link AccessCheck} refuse
 * requests not addressed to this machine, without a valid bearer token (every route but {@code /health}) or beyond
 * the token's role, and
 * {@link RouteHandler} runs the route; {@link ResponseWriter} writes every answer. Jetty brings what the JDK's
 * own server lacked: an idle timeout that closes connections that stall (half a header, a body that never comes),
 * limits on header sizes, and an error handler of ours ({@link JsonErrorHandler}) for what it refuses before any
 * route runs (a malformed request line, headers too large), which answers in the same JSON.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Slower than this, a request body is refused (the read fails and the connection is closed). */
    static final long MIN_READ_BYTES_PER_SECOND = 1024;

    /**
     * How long a connection may stall, and how large a request's headers may be.
     *
     * @param idleTimeout a connection that sends or takes nothing for this long is closed: a request that
     *                    stops half-way, an idle keep-alive connection (event streams send a comment every 15 s)
     * @param maxHeaderBytes the request line and headers together; larger is a 431 (a 414 for the line)
     */
    public record Limits(Duration idleTimeout, int maxHeaderBytes, int maxThreads) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 16 * 1024, 200);
    }

    private final Server server;
    private final ServerConnector connector;
    private final boolean https;

    private ApiServer(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            Limits limits,
            List<Route> routes,
            Authenticator tokens,
            AuditTrail audit,
            ObjectMapper json,
            Supplier<SecretMasker> secrets,
            Function<Throwable, Optional<String>> unavailable) {
        this.https = tls.isPresent();
        // each event stream holds its thread for as long as the client listens (EventStreamResource caps how
        // many), so the pool leaves room for them and for ordinary requests
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 4);
        threads.setName("api");
        threads.setDaemon(true);
        // threads a burst of connections took are given back within one idle timeout, not one a minute
        threads.setIdleTimeout((int) limits.idleTimeout().toMillis());
        threads.setMaxEvictCount(limits.maxThreads());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        connector = tls.map(settings -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setSslContext(settings.context());
                    return new ServerConnector(server, new SslConnectionFactory(ssl, plain.getProtocol()), plain);
                })
                .orElseGet(() -> new ServerConnector(server, plain));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        ResponseWriter writer = new ResponseWriter(json, secrets);
        // the route is found first (unknown paths are a 404 without more ado), then the checks, then the route
        Handler checked =
                new AccessCheck(tokens, new RouteHandler(new RequestBodies(limits.maxThreads()), json, writer, audit));
        Handler routing = new Routing(
                new Router(routes),
                writer,
                new ErrorMapper(secrets, unavailable),
                audit,
                isLoopback(bindAddress) ? new HostCheck(checked) : checked);
        // a body sent slower than MIN_READ_BYTES_PER_SECOND fails its read: a client that drips a byte now and
        // then (which resets the idle timeout each time) loses its request at the next byte
        server.setHandler(new MinimumDataRateHandler(routing, MIN_READ_BYTES_PER_SECOND, 0));
        server.setErrorHandler(new JsonErrorHandler());
    }

    private static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @param port 0 picks a free port; see {@link #port()} */
    public static ApiServer start(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            String token,
            List<Route> routes,
            ObjectMapper json,
            Supplier<SecretMasker> secrets)
            throws IOException {
        return start(bindAddress, port, tls, Limits.DEFAULT, token, routes, json, secrets, failure -> Optional.empty());
    }

    /** @param port 0 picks a free port; see {@link #port()} */
    public static ApiServer start(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            Limits limits,
            String token,
            List<Route> routes,
            ObjectMapper json,
            Supplier<SecretMasker> secrets)
            throws IOException {
        return start(bindAddress, port, tls, limits, token, routes, json, secrets, failure -> Optional.empty());
    }

    /**
     * @param port        0 picks a free port; see {@link #port()}
     * @param unavailable for a failure of a route, what makes the agent unable to answer (its database's disk is
     *                    full): answered 503 with that reason rather than 500
     */
    public static ApiServer start(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            Limits limits,
            String token,
            List<Route> routes,
            ObjectMapper json,
            Supplier<SecretMasker> secrets,
            Function<Throwable, Optional<String>> unavailable)
            throws IOException {
        return start(bindAddress, port, tls, limits, () -> token, routes, json, secrets, unavailable);
    }

    /**
     * @param token asked at each request, so a token replaced while the agent runs is the one accepted at once
     */
    public static ApiServer start(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            Limits limits,
            Supplier<String> token,
            List<Route> routes,
            ObjectMapper json,
            Supplier<SecretMasker> secrets,
            Function<Throwable, Optional<String>> unavailable)
            throws IOException {
        return start(
                bindAddress,
                port,
                tls,
                limits,
                Authenticator.single(token),
                AuditTrail.NONE,
                routes,
                json,
                secrets,
                unavailable);
    }

    /**
     * @param tokens whom each request's token belongs to, and its role
     * @param audit  where the state-changing requests are written
     */
    public static ApiServer start(
            String bindAddress,
            int port,
            Optional<TlsSettings> tls,
            Limits limits,
            Authenticator tokens,
            AuditTrail audit,
            List<Route> routes,
            ObjectMapper json,
            Supplier<SecretMasker> secrets,
            Function<Throwable, Optional<String>> unavailable)
            throws IOException {
        ApiServer api = new ApiServer(
                bindAddress, port, tls, limits, List.copyOf(routes), tokens, audit, json, secrets, unavailable);
        try {
            api.server.start();
        } catch (IOException e) {
            api.close();
            throw e;
        } catch (Exception e) {
            api.close();
            throw new IOException("cannot serve the API on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        return api;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** How clients reach this server, for example {@code http://127.0.0.1:8765}. */
    public String url() {
        String host = connector.getHost() == null
                        || connector.getHost().equals("0.0.0.0")
                        || connector.getHost().equals("::")
                ? "127.0.0.1"
                : connector.getHost();
        return (https ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the API server did not stop cleanly: {}", e.toString());
        }
    }
}
