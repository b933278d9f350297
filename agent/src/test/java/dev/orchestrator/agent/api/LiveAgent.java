package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole agent for API tests, wired as {@code orchestrator run} wires it, on port 0, with an OkHttp client
 * that sends its token. Register with {@code @RegisterExtension final LiveAgent agent = new LiveAgent(YAML)};
 * {@code .env} lines go beside the config directory, as secrets.
 */
final class LiveAgent implements BeforeEachCallback, AfterEachCallback {

    static final MediaType JSON_TYPE = MediaType.get("application/json");

    final ObjectMapper json = new ObjectMapper();
    final OkHttpClient http =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private final String pipelines;
    private final String dotEnv;
    Path directory;
    RunningAgentAccess agent;
    String token;

    LiveAgent(String pipelines) {
        this(pipelines, "");
    }

    LiveAgent(String pipelines, String dotEnv) {
        this.pipelines = pipelines;
        this.dotEnv = dotEnv;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("live-agent");
        agent = new RunningAgentAccess(directory);
        if (!dotEnv.isEmpty()) {
            Files.writeString(agent.config().resolveSibling(".env"), dotEnv);
        }
        agent.write("pipelines.yaml", pipelines);
        agent.start();
        token = Files.readString(directory.resolve("home").resolve("token")).strip();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        agent.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    Agent agent() {
        return agent.agent();
    }

    Path home() {
        return directory.resolve("home");
    }

    String url(String path) {
        return "http://127.0.0.1:" + agent().port() + path;
    }

    Request.Builder request(String path) {
        return new Request.Builder().url(url(path)).header("Authorization", "Bearer " + token);
    }

    /** Sends it and returns status and body; the connection is never left open. */
    Answer send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(
                    response.code(),
                    response.header("Content-Type", ""),
                    response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request.method() + " " + request.url(), e);
        }
    }

    Answer get(String path) {
        return send(request(path).build());
    }

    Answer post(String path, String body) {
        return send(request(path).post(RequestBody.create(body, JSON_TYPE)).build());
    }

    Answer put(String path, String body) {
        return send(request(path).put(RequestBody.create(body, JSON_TYPE)).build());
    }

    /** Starts a run through the API and waits for it to end. */
    String runToEnd(String pipelineId) throws InterruptedException {
        Answer answer = post("/trigger/" + pipelineId, "{}");
        if (answer.status() != 200) {
            throw new AssertionError("trigger of " + pipelineId + " answered " + answer);
        }
        String runId = answer.json(json).get("run_id").asText();
        awaitEnd(runId);
        return runId;
    }

    RunState awaitEnd(String runId) throws InterruptedException {
        return agent.awaitEnd(runId);
    }

    /** An HTTP answer, read whole. */
    record Answer(int status, String contentType, String body) {

        JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
