package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.orchestrator.api.ErrorDto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The agent's HTTP API as the CLI uses it: JSON in and out, the bearer token on every request, and every
 * failure turned into an {@link AgentRequestFailedException} that says what happened and what to do. One
 * instance per command; {@link #close()} releases OkHttp's threads and connections. Not for concurrent use.
 */
final class AgentClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final String address;
    private final String origin;
    private final Optional<String> token;
    private final OkHttpClient http;
    private final ObjectMapper json;

    /**
     * @param origin where the address came from ("given with --agent", "from ~/.orchestrator/agent.json"), for
     *               messages that say why this address was tried
     */
    AgentClient(HttpUrl base, String origin, Optional<String> token, OkHttpClient http, ObjectMapper json) {
        this.base = base;
        this.address = base.toString().replaceAll("/$", ""); // as people write it, for messages
        this.origin = origin;
        this.token = token;
        this.http = http;
        this.json = json;
    }

    /**
     * Connect 5 s, answer 30 s: the API answers in milliseconds, so anything slower is a problem to report. For an
     * {@code http} agent, plain text only: the client then never sets up TLS (the platform's trust store and
     * some 150 classes, a tenth of a remote command's start).
     */
    static OkHttpClient defaultHttpClient(HttpUrl base) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30));
        if (!base.isHttps()) {
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return builder.build();
    }

    JsonNode get(ApiPath path) {
        return call(request(path, "application/json").get().build());
    }

    /** @param body sent as JSON; null sends an empty body */
    JsonNode post(ApiPath path, Object body) {
        RequestBody content;
        try {
            content = body == null
                    ? RequestBody.create(new byte[0], null)
                    : RequestBody.create(json.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
        return call(request(path, "application/json").post(content).build());
    }

    JsonNode delete(ApiPath path) {
        return call(request(path, "application/json").delete().build());
    }

    /**
     * Copies the answer's body to {@code target} as it arrives, without a read timeout: an export of many
     * runs may pause while the agent reads the next batch from its database.
     */
    void download(ApiPath path, OutputStream target) throws IOException {
        OkHttpClient patient = http.newBuilder().readTimeout(Duration.ZERO).build();
        Request request = request(path, "text/csv").get().build();
        try (Response response = send(patient, request)) {
            checkSuccess(response);
            try (InputStream body = response.body().byteStream()) {
                body.transferTo(target);
            }
        }
    }

    private Request.Builder request(ApiPath path, String accept) {
        Request.Builder request = new Request.Builder().url(path.resolve(base)).header("Accept", accept);
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return request;
    }

    private JsonNode call(Request request) {
        try (Response response = send(http, request)) {
            checkSuccess(response);
            String text = response.body().string();
            return text.isBlank() ? MissingNode.getInstance() : json.readTree(text);
        } catch (IOException e) {
            // the answer broke off, or is not JSON: the agent is there, but something is wrong with it
            throw AgentRequestFailedException.unreachable(address, origin, e);
        }
    }

    private Response send(OkHttpClient client, Request request) {
        try {
            return client.newCall(request).execute();
        } catch (ConnectException e) {
            throw AgentRequestFailedException.refused(address, origin, e);
        } catch (IOException e) {
            throw AgentRequestFailedException.unreachable(address, origin, e);
        }
    }

    private void checkSuccess(Response response) throws IOException {
        if (response.isSuccessful()) {
            return;
        }
        if (response.code() == 401) {
            throw AgentRequestFailedException.unauthorized(address, token.isPresent());
        }
        throw AgentRequestFailedException.refusedByAgent(describeError(response));
    }

    /** The agent's error body ({@code {"error", "message", "diagnostics"}}) as lines for a person. */
    private String describeError(Response response) throws IOException {
        ResponseBody body = response.body();
        String text = body.string();
        String request =
                response.request().method() + " " + response.request().url().encodedPath();
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (IOException notJson) {
            tree = MissingNode.getInstance();
        }
        if (tree == null || !tree.path("message").isTextual()) {
            // not the agent's own answer (a proxy in between?): show what came back
            String start = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            return request + " failed: HTTP " + response.code() + (start.isBlank() ? "" : ": " + start.strip());
        }
        ErrorDto error = ApiAnswers.read(tree, ErrorDto.class);
        StringBuilder message = new StringBuilder(error.message());
        if (error.diagnostics() != null) {
            error.diagnostics()
                    .forEach(diagnostic ->
                            message.append(System.lineSeparator()).append("  ").append(diagnostic.toLine()));
        }
        return message.toString();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
