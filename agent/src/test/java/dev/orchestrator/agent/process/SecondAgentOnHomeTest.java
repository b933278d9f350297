package dev.orchestrator.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * One home, one agent: a second {@code orchestrator run} on a home a live agent uses names that agent (pid, port)
 * and exits 2 before it opens anything in the home (the database, the log), even when both start at once.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class SecondAgentOnHomeTest {

    @TempDir
    Path directory;

    private final List<Process> started = new ArrayList<>();
    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process process : started) {
            continueProcess(process.pid());
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (AgentProcess agent : agents) {
            continueProcess(agent.pid());
            agent.close();
        }
    }

    @Test
    void aSecondAgentNamesTheFirstAndLeavesEveryFileOfTheHomeAsItWas() throws Exception {
        Path config = config();
        Path home = directory.resolve("home");
        AgentProcess first = AgentProcess.start(config, home, directory.resolve("first-output.txt"));
        agents.add(first);
        // the first agent writes its own files now and then (heartbeats, log): frozen, only the second can change any
        signal("STOP", first.pid());
        Map<String, String> before = snapshot(home);

        Process second = launch(config, home, 0, directory.resolve("second-output.txt"));
        assertThat(second.waitFor(60, TimeUnit.SECONDS))
                .as("the second agent stops by itself")
                .isTrue();
        String output = Files.readString(directory.resolve("second-output.txt"));

        assertThat(snapshot(home)).as("the home after the second agent").isEqualTo(before);
        assertThat(second.exitValue()).as(output).isEqualTo(2);
        assertThat(output)
                .contains(
                        "another agent (pid " + first.pid() + ", port " + first.port() + ") is using the home "
                                + home.toAbsolutePath(),
                        "stop it or pass another --home")
                .doesNotContain("Database may be already in use", "\tat ");
        signal("CONT", first.pid());
        assertThat(first.get("/health").get("status").asText())
                .as("the first goes on")
                .isEqualTo("ok");
    }

    @Test
    void ofTwoAgentsStartedAtOnceOnAFreshHomeOneRunsAndTheOtherNamesIt() throws Exception {
        Path config = config();
        Path home = directory.resolve("fresh-home");
        int[] ports = {freePort(), freePort()};
        Process[] processes = new Process[2];
        Path[] outputs = {directory.resolve("a-output.txt"), directory.resolve("b-output.txt")};
        for (int i = 0; i < 2; i++) {
            processes[i] = launch(config, home, ports[i], outputs[i]);
        }

        await("one of the two agents to stop by itself")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !processes[0].isAlive() || !processes[1].isAlive());
        int refused = processes[0].isAlive() ? 1 : 0;
        int running = 1 - refused;
        String output = Files.readString(outputs[refused]);
        assertThat(processes[refused].exitValue()).as(output).isEqualTo(2);
        assertThat(output)
                .contains("another agent (pid " + processes[running].pid() + ", port " + ports[running]
                        + ") is using the home " + home.toAbsolutePath());
        assertThat(health(home, ports[running])).as("the other runs").contains("\"status\":\"ok\"");
    }

    private Path config() throws IOException {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                """);
        return config;
    }

    private Process launch(Path config, Path home, int port, Path output) throws IOException {
        List<String> command = new ArrayList<>(AgentCommandLine.run(config, home, port));
        command.addAll(List.of("--grace-seconds", "1"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        started.add(process);
        return process;
    }

    /** Polls /health until it answers (the agent may still be starting), for up to 60 s. */
    private static String health(Path home, int port) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return await("/health on port " + port)
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(
                        () -> {
                            String token = Files.readString(home.resolve("token"), StandardCharsets.UTF_8)
                                    .strip();
                            return http.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                                    .header("Authorization", "Bearer " + token)
                                                    .timeout(Duration.ofSeconds(10))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body()
                                    .replace(" ", "");
                        },
                        body -> true);
    }

    /** Every path under {@code home}: kind, size, mode and modification time, in order. */
    private static Map<String, String> snapshot(Path home) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                PosixFileAttributes attributes =
                        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                found.put(
                        home.relativize(path).toString(),
                        (attributes.isDirectory() ? "dir " : "file ")
                                + attributes.size() + " " + PosixFilePermissions.toString(attributes.permissions())
                                + " "
                                + attributes.lastModifiedTime().toInstant());
            }
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -" + name + " " + pid)
                .isTrue();
    }

    private static void continueProcess(long pid) {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // gone already
        }
    }
}
