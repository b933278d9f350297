package dev.orchestrator.agent.process;

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
import java.util.ArrayList;
import java.util.List;

/** An agent started the way a user starts it, as its own JVM, and talked to over its real HTTP API. */
final class AgentProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An answer takes milliseconds on an idle machine; a loaded one may starve the agent's threads for long. */
    private static final Duration REQUEST_CEILING = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AgentProcess(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    static AgentProcess start(Path config, Path home, Path output) throws IOException, InterruptedException {
        return start(config, home, output, List.of());
    }

    /** @param options more options of {@code orchestrator run}, such as {@code --db-url} and {@code --agent-id} */
    static AgentProcess start(Path config, Path home, Path output, List<String> options)
            throws IOException, InterruptedException {
        return start(config, home, output, options, List.of());
    }

    /** Started under {@code umask} (octal, such as {@code 022}) by a POSIX shell, as a login shell would. */
    static AgentProcess startUnderUmask(String umask, Path config, Path home, Path output)
            throws IOException, InterruptedException {
        return start(config, home, output, List.of(), List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"",
                "sh"));
    }

    private static AgentProcess start(Path config, Path home, Path output, List<String> options, List<String> launcher)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.orchestrator.agent.cli.Main", "run",
                "--config", config.toString(), "--home", home.toString(), "--port", Integer.toString(port),
                "--grace-seconds", "1"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        AgentProcess agent = new AgentProcess(process, port, home);
        agent.awaitHealthy(Await.AGENT_START, output);
        return agent;
    }

    private void awaitHealthy(Duration limit, Path output) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + ":\n"
                        + Files.readString(output));
            }
            try {
                if (get("/health", false).path("status").asText().equals("ok")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the agent did not answer /health within " + limit + ":\n"
                + Files.readString(output));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return get(path, true);
    }

    private JsonNode get(String path, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_CEILING);
        if (authenticated) {
            request.header("Authorization", "Bearer " + token());
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_CEILING).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String token() throws IOException {
        return Files.readString(home.resolve("token"), StandardCharsets.UTF_8).strip();
    }

    /** SIGKILL: no shutdown hook, no last write. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a service manager stops it. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
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
