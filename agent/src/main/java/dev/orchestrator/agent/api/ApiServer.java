package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.ErrorDto;
import dev.orchestrator.secret.SecretMasker;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's HTTP API on embedded Jetty (its core handler API, no servlets): bearer-token authentication on
 * every route but {@code /health}, JSON in and out, and one place that turns every failure into a JSON error with
 * the right status, so a connection is never just dropped. Jetty brings what the JDK's own server lacked: an idle
 * timeout that closes connections that stall (half a header, a body that never comes), limits on header sizes,
 * and an error handler of ours for what it refuses before any route runs (a malformed request line, headers
 * too large), which answers in the same JSON.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;
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
    private final List<Route> routes;
    private final Supplier<String> token;
    private final ObjectMapper json;
    private final Supplier<SecretMasker> secrets;
    private final boolean loopback;
    private final Map<Route, CachedAnswer> cachedAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Function<Throwable, Optional<String>> unavailable;
    private final java.util.concurrent.Semaphore bodyReaders;

    private ApiServer(String bindAddress, int port, Optional<TlsSettings> tls, Limits limits, List<Route> routes,
                      Supplier<String> token, ObjectMapper json, Supplier<SecretMasker> secrets,
                      Function<Throwable, Optional<String>> unavailable) {
        this.unavailable = unavailable;
        this.routes = routes;
        this.token = token;
        this.json = json;
        this.secrets = secrets;
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
        }).orElseGet(() -> new ServerConnector(server, plain));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        // a body sent slower than MIN_READ_BYTES_PER_SECOND fails its read: a client that drips a byte now and
        // then (which resets the idle timeout each time) loses its request at the next byte
        server.setHandler(new MinimumDataRateHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        }, MIN_READ_BYTES_PER_SECOND, 0));
        // reading a body holds a thread: at most a quarter of them may wait for bodies, so requests without one
        // (health checks, lists, the console's polls) are always served
        bodyReaders = new java.util.concurrent.Semaphore(Math.max(1, limits.maxThreads() / 4));
        server.setErrorHandler(new JsonErrorHandler());
        this.loopback = isLoopback(bindAddress);
    }

    private static boolean isLoopback(String bindAddress) {
        try {
            return java.net.InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** @param port 0 picks a free port; see {@link #port()} */
    public static ApiServer start(String bindAddress, int port, Optional<TlsSettings> tls, String token,
                                  List<Route> routes, ObjectMapper json, Supplier<SecretMasker> secrets)
            throws IOException {
        return start(bindAddress, port, tls, Limits.DEFAULT, token, routes, json, secrets, failure -> Optional.empty());
    }

    /** @param port 0 picks a free port; see {@link #port()} */
    public static ApiServer start(String bindAddress, int port, Optional<TlsSettings> tls, Limits limits,
                                  String token, List<Route> routes, ObjectMapper json,
                                  Supplier<SecretMasker> secrets) throws IOException {
        return start(bindAddress, port, tls, limits, token, routes, json, secrets, failure -> Optional.empty());
    }

    /**
     * @param port        0 picks a free port; see {@link #port()}
     * @param unavailable for a failure of a route, what makes the agent unable to answer (its database's disk is
     *                    full): answered 503 with that reason rather than 500
     */
    public static ApiServer start(String bindAddress, int port, Optional<TlsSettings> tls, Limits limits,
                                  String token, List<Route> routes, ObjectMapper json,
                                  Supplier<SecretMasker> secrets, Function<Throwable, Optional<String>> unavailable)
            throws IOException {
        return start(bindAddress, port, tls, limits, () -> token, routes, json, secrets, unavailable);
    }

    /**
     * @param token asked at each request, so a token replaced while the agent runs is the one accepted at once
     */
    public static ApiServer start(String bindAddress, int port, Optional<TlsSettings> tls, Limits limits,
                                  Supplier<String> token, List<Route> routes, ObjectMapper json,
                                  Supplier<SecretMasker> secrets, Function<Throwable, Optional<String>> unavailable)
            throws IOException {
        ApiServer api = new ApiServer(bindAddress, port, tls, limits, List.copyOf(routes), token, json, secrets,
                unavailable);
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
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0")
                || connector.getHost().equals("::") ? "127.0.0.1" : connector.getHost();
        return (https ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    private void serve(Request request, Response response, Callback callback) {
        try {
            try {
                Object body = dispatch(request);
                if (body == null) {
                    response.setStatus(204);
                    callback.succeeded();
                } else if (body instanceof CachedAnswer cached) {
                    sendCached(request, response, callback, cached);
                } else if (body instanceof StreamingResponse streaming) {
                    stream(request, response, callback, streaming);
                } else {
                    send(response, callback, 200, body);
                }
            } catch (ApiException e) {
                if (e.status() == 401) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"orchestrator\"");
                }
                send(response, callback, e.status(), new ErrorDto(e.code(), e.getMessage(), e.diagnostics()));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed: {}", request.getMethod(), request.getHttpURI().getPath(),
                        secrets.get().mask(e.toString()));
                Optional<String> reason = unavailable.apply(e);
                if (reason.isPresent()) {
                    send(response, callback, 503, new ErrorDto("unavailable", "the agent cannot use its database: "
                            + reason.get(), List.of()));
                } else {
                    send(response, callback, 500, new ErrorDto("internal_error", "the agent failed to answer: "
                            + e.getClass().getSimpleName() + "; see the agent log", List.of()));
                }
            }
        } catch (IOException e) {
            // the client went away while the answer was written: nothing left to answer
            LOG.debug("{} {} ended early: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            callback.failed(e);
        }
    }

    private Object dispatch(Request exchange) throws IOException {
        String path = exchange.getHttpURI().getDecodedPath();
        String method = exchange.getMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            if (loopback) {
                checkHost(exchange);
            }
            if (!route.public_()) {
                authenticate(exchange);
            }
            byte[] body = readBodyTakingTurns(exchange, route.maxBodyBytes().orElse(MAX_BODY_BYTES));
            if (route.public_()) {
                checkContentType(exchange, body);
            }
            ApiRequest request = new ApiRequest(method, path, parameters.get(), query(exchange.getHttpURI().getQuery()),
                    exchange.getHeaders(), body, json);
            return answer(route, request);
        }
        if (pathKnown) {
            throw new ApiException(405, "method_not_allowed", method + " is not allowed on " + path);
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

    private void authenticate(Request exchange) {
        String header = exchange.getHeaders().get(HttpHeader.AUTHORIZATION);
        // the scheme's name is case-insensitive (RFC 9110, 11.1)
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())
                ? header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // constant time: how much of a guess is right must not show in how long the answer takes
        byte[] accepted = token.get().getBytes(StandardCharsets.UTF_8);
        if (presented.length == 0 || !MessageDigest.isEqual(presented, accepted)) {
            throw new ApiException(401, "unauthorized", "send 'Authorization: Bearer <token>'; the token is in "
                    + "the agent home (orchestrator token prints it)");
        }
    }

    /**
     * Bound to this machine only, the API answers only requests addressed to this machine: a web page in a
     * browser here cannot reach it through a DNS name that points at 127.0.0.1 (DNS rebinding).
     */
    private static void checkHost(Request exchange) {
        String host = exchange.getHeaders().get(HttpHeader.HOST);
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
    private static void checkContentType(Request exchange, byte[] body) {
        if (body.length == 0) {
            return;
        }
        String type = exchange.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "request bodies are JSON: send "
                    + "'Content-Type: application/json'" + (type == null ? "" : ", not '" + type + "'"));
        }
    }

    private byte[] readBodyTakingTurns(Request exchange, int maxBodyBytes) throws IOException {
        if (!hasBody(exchange)) {
            return new byte[0];
        }
        if (!bodyReaders.tryAcquire()) {
            throw new ApiException(503, "busy", "too many requests are sending their bodies at once; retry in a "
                    + "moment");
        }
        try {
            return readBody(exchange, maxBodyBytes);
        } finally {
            bodyReaders.release();
        }
    }

    private static boolean hasBody(Request exchange) {
        // HTTP/1.1 announces a body by its length or by chunking; a request with neither has none
        return exchange.getLength() > 0 || exchange.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private static byte[] readBody(Request exchange, int maxBodyBytes) throws IOException {
        try (InputStream in = Content.Source.asInputStream(exchange)) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                // read on (to a bound) and drop: a client still sending would otherwise see the connection
                // reset before it reads the answer that says why
                long drained = 0;
                byte[] sink = new byte[64 * 1024];
                for (int read; drained < MAX_DRAINED_BYTES && (read = in.read(sink)) > 0; ) {
                    drained += read;
                }
                throw new ApiException(413, "payload_too_large", "request bodies to " + exchange.getMethod()
                        + " " + exchange.getHttpURI().getPath() + " are limited to " + maxBodyBytes / 1024 + " KB");
            }
            return body;
        }
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
                query.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the query string is not URL-encoded correctly at '" + pair + "': "
                        + e.getMessage());
            }
        }
        return query;
    }

    private void stream(Request request, Response response, Callback callback, StreamingResponse streaming) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, streaming.contentType());
        streaming.headers().forEach(response.getHeaders()::put);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            streaming.write(out, secrets.get());
        } catch (IOException e) {
            // the client went away (a closed event stream, a cancelled export): nothing left to answer
            LOG.debug("{} {} ended early: {}", request.getMethod(), request.getHttpURI().getPath(), e.toString());
            callback.failed(e);
            return;
        } catch (RuntimeException e) {
            // the status is already sent: the client sees the body cut short, the log says why
            LOG.error("{} {} failed while streaming: {}", request.getMethod(), request.getHttpURI().getPath(),
                    secrets.get().mask(e.toString()));
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void send(Response response, Callback callback, int status, Object body) throws IOException {
        sendJson(response, callback, status, serialize(body, secrets.get()));
    }

    private byte[] serialize(Object body, SecretMasker masker) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(8192);
        try (JsonGenerator generator = json.getFactory().createGenerator(buffer)) {
            json.writeValue(masker.isEmpty() ? generator : new MaskingJsonGenerator(generator, masker), body);
        }
        return buffer.toByteArray();
    }

    private static void sendCached(Request request, Response response, Callback callback, CachedAnswer cached) {
        String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accepted != null && accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            sendJson(response, callback, 200, cached.gzipped());
        } else {
            sendJson(response, callback, 200, cached.json());
        }
    }

    private static void sendJson(Response response, Callback callback, int status, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /**
     * What Jetty refuses before a route runs (a malformed request line or header, headers too large, a request
     * cut short) in the API's JSON error shape, instead of Jetty's HTML page.
     */
    private static final class JsonErrorHandler extends ErrorHandler {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            Object message = request.getAttribute(ERROR_MESSAGE);
            String code = switch (status) {
                case 400 -> "bad_request";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 408 -> "request_timeout";
                case 413 -> "payload_too_large";
                case 414 -> "uri_too_long";
                case 415 -> "unsupported_media_type";
                case 431 -> "request_header_fields_too_large";
                case 505 -> "http_version_not_supported";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            String text = "the request was refused before it reached the API (" + status
                    + (message == null ? "" : ": " + message) + "); " + (status == 505
                    ? "the request line names an HTTP version the API does not speak: send HTTP/1.0 or HTTP/1.1"
                    : "check the request line and the headers (at most " + Limits.DEFAULT.maxHeaderBytes() / 1024
                    + " KB of them)");
            String body = "{\"error\":\"" + code + "\",\"message\":" + jsonString(text) + ",\"diagnostics\":[]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return true;
        }

        private static String jsonString(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
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
