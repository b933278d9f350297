package dev.orchestrator.agent.connector.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.connector.TaskContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls an HTTP API: {@code base_url}, {@code headers}, {@code rate_limit_rps} (shared by every task of the run)
 * and {@code timeout_seconds} (default 30) from the config; a JSON answer is parsed, anything else kept as
 * text. 429 and 5xx answers are retried as the task's retry settings say; other 4xx answers are not, since
 * asking again gets the same answer.
 */
@Connector(value = "http_api", threadSafe = true)
public final class HttpApiConnector implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    private final HttpUrl baseUrl;
    private final Map<String, Object> headers;
    private final RateLimiter limiter;
    private final OkHttpClient http;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @SuppressWarnings("unchecked")
    public HttpApiConnector(Map<String, Object> config) {
        Object base = config.get("base_url");
        if (base == null || HttpUrl.parse(base.toString()) == null) {
            throw new IllegalArgumentException("http_api needs connector_config.base_url, an http or https URL; got "
                    + (base == null ? "nothing" : "'" + base + "'"));
        }
        this.baseUrl = HttpUrl.parse(base.toString());
        this.headers = config.get("headers") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Object rate = config.get("rate_limit_rps");
        this.limiter = rate == null ? null : new RateLimiter(Double.parseDouble(rate.toString()));
        Object timeout = config.get("timeout_seconds");
        Duration callTimeout =
                Duration.ofMillis(Math.round(1000 * (timeout == null ? 30 : Double.parseDouble(timeout.toString()))));
        this.http = new OkHttpClient.Builder().callTimeout(callTimeout).build();
    }

    /** GET by default. */
    public Object fetch(
            String endpoint,
            String method,
            Map<String, Object> params,
            Object json,
            Double timeout,
            TaskContext context)
            throws IOException, InterruptedException {
        return call(endpoint, method == null ? "GET" : method, params, json, timeout, context);
    }

    /** POST by default; the body is {@code json}, or else the upstream {@code data}. */
    public Object push(
            String endpoint,
            String method,
            Map<String, Object> params,
            Object json,
            Double timeout,
            Object data,
            TaskContext context)
            throws IOException, InterruptedException {
        return call(endpoint, method == null ? "POST" : method, params, json != null ? json : data, timeout, context);
    }

    private Object call(
            String endpoint,
            String method,
            Map<String, Object> params,
            Object body,
            Double timeout,
            TaskContext context)
            throws IOException, InterruptedException {
        String verb = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(verb)) {
            throw new NonRetryableException("http_api: method '" + method + "' is not one of " + METHODS);
        }
        HttpUrl.Builder url = baseUrl.newBuilder();
        if (endpoint != null && !endpoint.isBlank()) {
            url.addPathSegments(endpoint.startsWith("/") ? endpoint.substring(1) : endpoint);
        }
        if (params != null) {
            params.forEach((key, value) -> url.addQueryParameter(key, value == null ? null : value.toString()));
        }
        Request.Builder request = new Request.Builder().url(url.build());
        headers.forEach((name, value) -> request.header(name, String.valueOf(value)));
        RequestBody payload = body == null
                ? (verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH")
                        ? RequestBody.create(new byte[0], JSON)
                        : null)
                : RequestBody.create(json.writeValueAsBytes(body), JSON);
        request.method(verb, verb.equals("GET") ? null : payload);
        if (limiter != null) {
            limiter.acquire();
        }
        OkHttpClient client = timeout == null
                ? http
                : http.newBuilder()
                        .callTimeout(Duration.ofMillis(Math.round(timeout * 1000)))
                        .build();
        try (Response response = client.newCall(request.build()).execute()) {
            String text = readBody(response.body());
            int code = response.code();
            if (code == 429 || code >= 500) {
                throw new IOException("HTTP " + code + " from " + verb + " "
                        + url.build().encodedPath() + " (retryable)" + snippet(text));
            }
            if (code >= 400) {
                throw new NonRetryableException(
                        "HTTP " + code + " from " + verb + " " + url.build().encodedPath() + snippet(text));
            }
            context.log().info(verb + " " + url.build().encodedPath() + " -> " + code);
            return parse(text, response.header("Content-Type"));
        }
    }

    private Object parse(String text, String contentType) {
        String trimmed = text.strip();
        boolean looksJson = (contentType != null && contentType.contains("json"))
                || trimmed.startsWith("{")
                || trimmed.startsWith("[");
        if (looksJson && !trimmed.isEmpty()) {
            try {
                return json.readValue(trimmed, Object.class);
            } catch (IOException e) {
                return text;
            }
        }
        return trimmed.isEmpty() ? null : text;
    }

    private static String readBody(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    private static String snippet(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? "" : ": " + (trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed);
    }

    /**
     * Reachable when {@code base_url} answers at all: any status, even 404 or 500, means a server is there.
     *
     * @throws IOException when nothing answers (connection refused, unknown host, timeout), saying which
     */
    public boolean ping() throws IOException {
        long timeoutMillis = Math.min(PING_TIMEOUT.toMillis(), http.callTimeoutMillis());
        OkHttpClient pinging =
                http.newBuilder().callTimeout(Duration.ofMillis(timeoutMillis)).build();
        try (Response ignored = pinging.newCall(
                        new Request.Builder().url(baseUrl).head().build())
                .execute()) {
            return true;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
