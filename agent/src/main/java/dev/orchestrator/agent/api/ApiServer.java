package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.orchestrator.api.ErrorDto;
import dev.orchestrator.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's HTTP API on the JDK's own server: bearer-token authentication on every route but
 * {@code /health}, JSON in and out, and one place that turns every failure into a JSON error with the right
 * status, so a connection is never just dropped.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    static {
        // the server writes headers and body separately: with Nagle's algorithm on, the body waits for the
        // client's delayed ACK, 40 ms per answer. Read once, when the JDK's server classes load, so set here,
        // before the first server is created, unless the command line chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Route> routes;
    private final byte[] token;
    private final ObjectMapper json;
    private final Supplier<SecretMasker> secrets;
    private final boolean loopback;
    private final Map<Route, CachedAnswer> cachedAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    private ApiServer(HttpServer server, ExecutorService threads, List<Route> routes, String token, ObjectMapper json,
                      Supplier<SecretMasker> secrets) {
        this.server = server;
        this.threads = threads;
        this.routes = routes;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
        this.secrets = secrets;
        this.loopback = server.getAddress().getAddress().isLoopbackAddress();
    }

    /** @param port 0 picks a free port; see {@link #port()} */
    public static ApiServer start(String bindAddress, int port, Optional<TlsSettings> tls, String token,
                                  List<Route> routes, ObjectMapper json, Supplier<SecretMasker> secrets)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(bindAddress, port);
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get().context()));
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        // cached, not fixed: each event stream holds its thread for as long as the client listens
        // (EventStreamResource caps how many), and a stream must never starve ordinary requests
        ExecutorService threads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "api");
            thread.setDaemon(true);
            return thread;
        });
        ApiServer api = new ApiServer(server, threads, List.copyOf(routes), token, json, secrets);
        server.createContext("/", api::serve);
        server.setExecutor(threads);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How clients reach this server, for example {@code http://127.0.0.1:8765}. */
    public String url() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getHostString();
        return (server instanceof HttpsServer ? "https" : "http") + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Object body = dispatch(exchange);
                if (body == null) {
                    exchange.sendResponseHeaders(204, -1);
                } else if (body instanceof CachedAnswer cached) {
                    sendCached(exchange, cached);
                } else if (body instanceof StreamingResponse streaming) {
                    stream(exchange, streaming);
                } else {
                    send(exchange, 200, body);
                }
            } catch (ApiException e) {
                if (e.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"orchestrator\"");
                }
                send(exchange, e.status(), new ErrorDto(e.code(), e.getMessage(), e.diagnostics()));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        secrets.get().mask(e.toString()));
                send(exchange, 500, new ErrorDto("internal_error", "the agent failed to answer: "
                        + e.getClass().getSimpleName() + "; see the agent log", List.of()));
            }
        }
    }

    private Object dispatch(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(exchange.getRequestMethod())) {
                continue;
            }
            if (loopback) {
                checkHost(exchange);
            }
            if (!route.public_()) {
                authenticate(exchange);
            }
            byte[] body = readBody(exchange);
            if (route.public_()) {
                checkContentType(exchange, body);
            }
            ApiRequest request = new ApiRequest(exchange.getRequestMethod(), path, parameters.get(), query(uri),
                    exchange.getRequestHeaders(), body, json);
            return answer(route, request);
        }
        if (pathKnown) {
            throw new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed on "
                    + path);
        }
        throw ApiException.notFound("no endpoint " + path + "; the endpoints are listed in the README, section API");
    }

    private Object answer(Route route, ApiRequest request) throws IOException {
        Optional<java.util.function.Supplier<List<Object>>> dependsOn = route.answerDependsOn();
        if (dependsOn.isEmpty()) {
            return route.handler().handle(request);
        }
        List<Object> inputs = dependsOn.get().get();
        CachedAnswer cached = cachedAnswers.get(route);
        if (cached == null || !cached.builtFrom(inputs)) {
            cached = new CachedAnswer(inputs, serialize(route.handler().handle(request), secrets.get()));
            cachedAnswers.put(route, cached);
        }
        return cached;
    }

    /**
     * A route's serialized answer, also gzipped (a list of 500 pipelines shrinks from 80 KB to a few: the
     * bytes, not the building, limited how many answers a second the server gave), and the instances it was
     * built from.
     */
    private record CachedAnswer(List<Object> inputs, byte[] json, byte[] gzipped) {

        CachedAnswer(List<Object> inputs, byte[] json) {
            this(inputs, json, gzip(json));
        }

        private static byte[] gzip(byte[] bytes) {
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(bytes.length / 8 + 64);
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(buffer)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("gzip in memory cannot fail", e);
            }
            return buffer.toByteArray();
        }

        boolean builtFrom(List<Object> now) {
            if (now.size() != inputs.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) != inputs.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        // the scheme's name is case-insensitive (RFC 9110, 11.1)
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())
                ? header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // constant time: how much of a guess is right must not show in how long the answer takes
        if (presented.length == 0 || !MessageDigest.isEqual(presented, token)) {
            throw new ApiException(401, "unauthorized", "send 'Authorization: Bearer <token>'; the token is in "
                    + "the agent home (orchestrator token prints it)");
        }
    }

    /**
     * Bound to this machine only, the API answers only requests addressed to this machine: a web page in a
     * browser here cannot reach it through a DNS name that points at 127.0.0.1 (DNS rebinding).
     */
    private static void checkHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (!name.equalsIgnoreCase("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
            throw new ApiException(403, "forbidden", "the agent listens on this machine only and answers requests "
                    + "for localhost or 127.0.0.1, not for '" + host + "'; start it with --bind to serve others");
        }
    }

    /**
     * A body sent without the token must be JSON, and say so. With the token, the body is read as JSON whatever
     * its declared type (plain {@code curl -d} declares a form, and the original tool accepted it): a cross-site
     * form, the attack a declared type guards against, cannot send the token. See {@link ApiRequest#body}.
     */
    private static void checkContentType(HttpExchange exchange, byte[] body) {
        if (body.length == 0) {
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "request bodies are JSON: send "
                    + "'Content-Type: application/json'" + (type == null ? "" : ", not '" + type + "'"));
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // read on (to a bound) and drop: a client still sending would otherwise see the connection
                // reset before it reads the answer that says why
                long drained = 0;
                byte[] sink = new byte[64 * 1024];
                for (int read; drained < MAX_DRAINED_BYTES && (read = in.read(sink)) > 0; ) {
                    drained += read;
                }
                throw new ApiException(413, "payload_too_large", "request bodies are limited to "
                        + MAX_BODY_BYTES / 1024 + " KB");
            }
            return body;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the query string is not URL-encoded correctly at '" + pair + "': "
                        + e.getMessage());
            }
        }
        return query;
    }

    private void stream(HttpExchange exchange, StreamingResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(200, 0); // chunked: the length is not known in advance
        try (OutputStream out = exchange.getResponseBody()) {
            response.write(out, secrets.get());
        } catch (IOException e) {
            // the client went away (a closed event stream, a cancelled export): nothing left to answer
            LOG.debug("{} {} ended early: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.toString());
        } catch (RuntimeException e) {
            // the status is already sent: the client sees the body cut short, the log says why
            LOG.error("{} {} failed while streaming: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), secrets.get().mask(e.toString()));
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        sendJson(exchange, status, serialize(body, secrets.get()));
    }

    private byte[] serialize(Object body, SecretMasker masker) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(8192);
        try (JsonGenerator generator = json.getFactory().createGenerator(buffer)) {
            json.writeValue(masker.isEmpty() ? generator : new MaskingJsonGenerator(generator, masker), body);
        }
        return buffer.toByteArray();
    }

    private static void sendCached(HttpExchange exchange, CachedAnswer cached) throws IOException {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accepted != null && accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            sendJson(exchange, 200, cached.gzipped());
        } else {
            sendJson(exchange, 200, cached.json());
        }
    }

    private static void sendJson(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // no interrupts: a request thread may be reading the database (see RunExecutor#shutdown)
        threads.shutdown();
        try {
            threads.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
