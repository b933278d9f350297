package dev.orchestrator.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code orchestrator run} from the packaged launcher, talked to over its real HTTP API. */
final class PackagedAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path home;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedAgent(Process process, int port, Path home, Path output) {
        this.process = process;
        this.port = port;
        this.home = home;
        this.output = output;
    }

    static PackagedAgent start(PackagedImage image, Path config, Path home, int graceSeconds, Path output)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = image.start("orchestrator", List.of("run", "--config", config.toString(), "--home",
                home.toString(), "--port", Integer.toString(port), "--grace-seconds", Integer.toString(graceSeconds)),
                Map.of(), output);
        PackagedAgent agent = new PackagedAgent(process, port, home, output);
        agent.awaitHealthy(Duration.ofSeconds(60));
        return agent;
    }

    Process process() {
        return process;
    }

    Path home() {
        return home;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private void awaitHealthy(Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the packaged agent exited with " + process.exitValue() + ":\n"
                        + output());
            }
            try {
                health();
                return;
            } catch (IOException notListeningYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the packaged agent did not answer /health within " + limit + ":\n" + output());
    }

    /** {@code GET /health}, which needs no token. */
    JsonNode health() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token()).build());
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String token() throws IOException {
        return Files.readString(home.resolve("token"), StandardCharsets.UTF_8).strip();
    }

    /** The status of a run once it is no longer queued or running. */
    String awaitEnd(String runId, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String status = get("/api/v1/runs/" + runId).get("status").asText();
            if (!status.equals("running") && !status.equals("queued")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end within " + limit);
    }

    /** SIGTERM, as systemd stops a service; the exit code, once the process has ended. */
    int stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the packaged agent did not stop within " + limit + " of SIGTERM");
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
