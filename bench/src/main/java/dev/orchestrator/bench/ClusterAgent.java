package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An agent of {@link ClusterBenchmark}'s cluster in its own JVM, as {@code orchestrator run --db-url} starts it,
 * answering on a free loopback port once healthy.
 */
final class ClusterAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final String token;

    private ClusterAgent(Process process, String base, String token) {
        this.process = process;
        this.base = base;
        this.token = token;
    }

    static ClusterAgent start(Path directory, Path config, Path plugins, String databaseUrl, String agentId)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path home = directory.resolve("home-" + agentId);
        Path output = directory.resolve(agentId + ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.orchestrator.agent.cli.Main",
                        "run",
                        "--config",
                        config.toString(),
                        "--plugins",
                        plugins.toString(),
                        "--home",
                        home.toString(),
                        "--port",
                        Integer.toString(port),
                        "--db-url",
                        databaseUrl,
                        "--agent-id",
                        agentId)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(agentId + " exited:\n" + Files.readString(output));
            }
            try {
                JsonNode health = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                if (health.path("status").asText().equals("ok")) {
                    break;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(agentId + " did not answer:\n" + Files.readString(output), e);
                }
                Thread.sleep(200);
            }
        }
        return new ClusterAgent(
                process, base, Files.readString(home.resolve("token")).strip());
    }

    HttpRequest trigger(String pipelineId) {
        return HttpRequest.newBuilder(URI.create(base + "/trigger/" + pipelineId))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
