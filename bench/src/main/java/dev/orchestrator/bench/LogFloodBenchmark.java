package dev.orchestrator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A chatty task: one {@code shell} task writing {@code LINES} lines (97 bytes each, each with a word of its
 * own, as ids and hashes are) to stderr, which is its task log. A whole agent in its own JVM
 * ({@code java -jar orchestrator.jar run}, default heap) on an empty home with the embedded H2 database. Measured:
 * the agent's peak resident memory (VmHWM) over the run, the database's bytes per byte of log written, the run's
 * time, and the first page of the run's log ({@code GET /api/v1/runs/{id}/logs}) as a client asks for it, first
 * and then median of 10. Not a JMH benchmark: what is measured is a whole agent.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.LogFloodBenchmark agent/target/orchestrator.jar 2000000 [agent options...]</pre>
 */
public final class LogFloodBenchmark {

    private LogFloodBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "agent/target/orchestrator.jar");
        long lines = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        List<String> agentOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        Path directory = Files.createTempDirectory("log-flood-bench");
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        // a counter, a hex word unique to the line, and words every line shares
        Files.writeString(config.resolve("chatty.yaml"), """
                pipelines:
                  - id: chatty
                    tasks:
                      - id: talk
                        connector: shell
                        action: run
                        timeout_seconds: 3600
                        action_kwargs:
                          command: awk
                          args: ["BEGIN { for (i = 1; i <= %d; i++) printf \\"line %%09d of a chatty task: request %%08x handled, payload written to the bucket, all ok\\\\n\\", i, (i * 2654435761) %% 4294967296 > \\"/dev/stderr\\" }"]
                """.formatted(lines));
        long logBytes = lines * 97; // each line is 97 bytes with its newline
        int port = AgentProcesses.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "run",
                "--config",
                config.toString(),
                "--home",
                home.toString(),
                "--port",
                Integer.toString(port)));
        command.addAll(agentOptions);
        Process agent = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(
                        directory.resolve("agent-output.txt").toFile()))
                .start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            String base = "http://127.0.0.1:" + port;
            awaitHealth(http, base, agent);
            String token = Files.readString(home.resolve("token")).strip();
            long idleKb = AgentProcesses.residentKilobytes(agent.pid(), "VmRSS:");
            long started = System.nanoTime();
            String runId = field(
                    send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/trigger/chatty"))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Content-Type", "application/json")
                                    .build()),
                    "run_id");
            String status;
            while (true) {
                status = field(send(http, get(base + "/api/v1/runs/" + runId, token)), "status");
                if (!status.equals("queued") && !status.equals("running")) {
                    break;
                }
                Thread.sleep(500);
            }
            double runSeconds = (System.nanoTime() - started) / 1e9;
            long peakKb = AgentProcesses.residentKilobytes(agent.pid(), "VmHWM:");
            List<Long> pageMillis = new ArrayList<>();
            String firstPage = null;
            for (int i = 0; i < 11; i++) {
                long before = System.nanoTime();
                String page = send(http, get(base + "/api/v1/runs/" + runId + "/logs?size=50", token));
                pageMillis.add((System.nanoTime() - before) / 1_000_000);
                firstPage = firstPage == null ? page : firstPage;
            }
            long firstMillis = pageMillis.remove(0);
            agent.destroy();
            agent.waitFor();
            long databaseBytes = sizeOf(home, ".mv.db");
            System.out.println("lines written by the task: " + lines + " (" + logBytes / 1_000_000 + " MB)");
            System.out.println("run ended " + status + " after " + String.format("%.1f", runSeconds) + " s");
            System.out.println(
                    "agent resident memory: idle " + idleKb / 1024 + " MB, peak over the run " + peakKb / 1024 + " MB");
            System.out.println("database: " + databaseBytes / 1_000_000 + " MB, "
                    + String.format("%.2f", (double) databaseBytes / logBytes) + " bytes per byte of log written");
            System.out.println("first page of the run's log (50 lines): first " + firstMillis + " ms, median of 10 "
                    + AgentProcesses.median(pageMillis) + " ms, max " + Collections.max(pageMillis) + " ms");
            System.out.println("page total: " + field(firstPage, "total"));
        } finally {
            agent.destroyForcibly();
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10))
                .build();
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A top-level string or number field of a JSON answer; enough here, and keeps this class on the JDK alone. */
    private static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no '" + name + "' in " + json);
        }
        return matcher.group(1);
    }

    private static void awaitHealth(HttpClient http, String base, Process agent) throws Exception {
        HttpRequest health =
                HttpRequest.newBuilder(URI.create(base + "/health")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent exited with " + agent.exitValue());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the agent did not answer /health within 60 s");
    }

    private static long sizeOf(Path home, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(file -> file.toString().endsWith(suffix))
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
