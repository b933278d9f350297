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
import java.util.List;

/**
 * Start to ready, as a user sees it: from launching {@code java -jar orchestrator.jar run} to the first answer
 * of {@code /health}; then the resident memory after 5 s idle. Target: ≤ 1.5 s. The first round starts on an
 * empty home (creating the database), the others restart on it, as every later start does; the first is
 * reported apart.
 * Not a JMH benchmark: what is measured is a whole new JVM.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.AgentStartupBenchmark agent/target/orchestrator.jar pipelines</pre>
 */
public final class AgentStartupBenchmark {

    private static final int ROUNDS = 7;

    private AgentStartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "agent/target/orchestrator.jar");
        Path config = Path.of(args.length > 1 ? args[1] : "pipelines");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        List<Long> startMillis = new ArrayList<>();
        List<Long> residentKb = new ArrayList<>();
        List<Long> jvmMillis = new ArrayList<>();
        Path home = Files.createTempDirectory("startup-bench");
        long firstStart = -1;
        for (int round = 0; round <= ROUNDS; round++) {
            int port = AgentProcesses.freePort();
            long launched = System.nanoTime();
            Process agent = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString(),
                            "run",
                            "--config",
                            config.toString(),
                            "--home",
                            home.toString(),
                            "--port",
                            Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(
                            home.resolve("output.txt").toFile()))
                    .start();
            awaitHealth(http, port, agent);
            long millis = (System.nanoTime() - launched) / 1_000_000;
            Thread.sleep(5_000);
            if (round == 0) {
                firstStart = millis;
            } else {
                startMillis.add(millis);
                residentKb.add(AgentProcesses.residentKilobytes(agent.pid(), "VmRSS:"));
                jvmMillis.add(readyAfterJvmStart(home.resolve("output.txt")));
            }
            agent.destroy();
            agent.waitFor();
        }
        System.out.println("first start, on an empty home (ms): " + firstStart);
        System.out.println("restart to ready (ms), " + ROUNDS + " rounds: " + startMillis + ", median "
                + AgentProcesses.median(startMillis));
        System.out.println("JVM start to ready (ms), as the agent logs it: " + jvmMillis + ", median "
                + AgentProcesses.median(jvmMillis));
        System.out.println("resident memory after 5 s idle (MB): median " + AgentProcesses.median(residentKb) / 1024);
    }

    private static void awaitHealth(HttpClient http, int port, Process agent) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build();
        while (true) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent exited with " + agent.exitValue());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(5);
            }
        }
    }

    /** The agent's own "ready ... (N ms since the JVM started)" log line. */
    private static long readyAfterJvmStart(Path output) throws IOException {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\((\\d+) ms since the JVM started")
                .matcher(Files.readString(output));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
