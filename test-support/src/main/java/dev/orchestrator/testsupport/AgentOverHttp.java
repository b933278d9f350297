package dev.orchestrator.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An agent running as its own process ({@code orchestrator run}), talked to over its real HTTP API on loopback with
 * the token from its home. The agent module's tests start it from their class path, the installer's from the
 * packaged launcher; both wait for it, ask it and stop it through this class. Not thread-safe: one test drives it.
 */
public class AgentOverHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final int port;
    private final Path home;
    private final Path output;
    private final Duration requestCeiling;
    private final HttpClient http;

    /**
     * @param name           what the messages call the agent, such as "the packaged agent"
     * @param output         the file the process writes its output to, quoted when it fails
     * @param connectCeiling how long a connection may take
     * @param requestCeiling how long one answer may take
     */
    protected AgentOverHttp(
            String name,
            Process process,
            int port,
            Path home,
            Path output,
            Duration connectCeiling,
            Duration requestCeiling) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.home = home;
        this.output = output;
        this.requestCeiling = requestCeiling;
        this.http = HttpClient.newBuilder().connectTimeout(connectCeiling).build();
    }

    /** A loopback port free at the time of the call, for {@code --port}. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until {@code /health} answers {@code ok}.
     *
     * @throws IllegalStateException with the agent's output, when it exits first or does not answer within the ceiling
     */
    protected final void awaitHealthy(Duration ceiling) throws IOException {
        try {
            await(name + " answering /health")
                    .atMost(ceiling)
                    .pollInterval(POLL)
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    name + " exited with " + process.exitValue() + ":\n" + output());
                        }
                        return health().path("status").asText().equals("ok") && listensOnItsPort();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not answer /health within " + ceiling + ":\n" + output(), e);
        }
    }

    /**
     * Whether the agent that answers on {@link #port} is this process. The port was free when it was chosen, but a
     * test of a build beside this one may take it first; its agent then answers {@code /health} while this one
     * exits with "port N is in use". The agent names its process in its home's {@code agent.json} once it listens.
     */
    private boolean listensOnItsPort() {
        Path endpoint = home.resolve("agent.json");
        try {
            return Files.isRegularFile(endpoint)
                    && JSON.readTree(endpoint.toFile()).path("pid").asLong() == process.pid();
        } catch (IOException e) {
            return false; // being written: the next poll reads it whole
        }
    }

    /** Whether the process ended because another program took its port first (see {@link #listensOnItsPort}). */
    protected final boolean lostItsPort() throws IOException {
        return !process.isAlive() && output().contains("port " + port + " is in use");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Path home() {
        return home;
    }

    /** What the process has written so far. */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** {@code GET /health}, which needs no token. */
    public JsonNode health() throws IOException, InterruptedException {
        return send(request("/health").build());
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + token()).build());
    }

    public JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send(request(path)
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(requestCeiling);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        return JSON.readTree(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String token() throws IOException {
        return Files.readString(home.resolve("token"), StandardCharsets.UTF_8).strip();
    }

    /** The status of run {@code runId} once it is no longer queued or running. */
    public String awaitEnd(String runId, Duration ceiling) {
        await("run " + runId + " to end")
                .atMost(ceiling)
                .pollInterval(POLL)
                .until(() -> !status(runId).matches("running|queued"));
        return uncheckedStatus(runId);
    }

    /** Waits until task {@code taskId} of run {@code runId} has the status {@code status}. */
    public void awaitTask(String runId, String taskId, String status, Duration ceiling) {
        await("task " + taskId + " of " + runId + " to be " + status)
                .atMost(ceiling)
                .pollInterval(POLL)
                .until(() -> RunJson.task(get("/api/v1/runs/" + runId), taskId)
                        .get("status")
                        .asText()
                        .equals(status));
    }

    private String status(String runId) throws IOException, InterruptedException {
        return get("/api/v1/runs/" + runId).get("status").asText();
    }

    private String uncheckedStatus(String runId) {
        try {
            return status(runId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading run " + runId, e);
        }
    }

    /** SIGKILL: no shutdown hook, no last write. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a service manager stops it; the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** SIGTERM, as systemd stops a service; the exit code, once the process has ended within {@code ceiling}. */
    public int stop(Duration ceiling) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not stop within " + ceiling + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
