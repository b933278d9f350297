package dev.orchestrator.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.cli.Main;
import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code orchestrator run} in a terminal: a line when a run starts and one when it ends (state, duration, and the
 * cause when it failed), and {@code --log-level} choosing how much of the agent's own log shows.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class ForegroundAgentTest {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\S+  ";

    @TempDir
    Path directory;

    private Path config() throws IOException {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                  - id: breaks
                    tasks:
                      - { id: fail, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo \\"KeyError: 'region'\\" >&2; exit 2"] }, retry: { times: 0 } }
                """);
        return config;
    }

    private static String awaitLine(Path output, String pattern) throws Exception {
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    List<String> lines = Files.readAllLines(output);
                    lines.stream()
                            .filter(line -> line.matches(pattern))
                            .findFirst()
                            .ifPresent(found::set);
                    assertThat(found.get())
                            .as("a line matching " + pattern + " within 60 s in:\n" + String.join("\n", lines))
                            .isNotNull();
                });
        return found.get();
    }

    @Test
    void printsALineWhenARunStartsAndOneWhenItEndsWithTheCauseOfAFailure() throws Exception {
        Path output = directory.resolve("agent.out");
        try (AgentProcess agent =
                AgentProcess.start(config(), directory.resolve("home"), output, List.of("--log-level", "warn"))) {
            String ok = agent.post("/trigger/quick", "{}").get("run_id").asText();
            awaitLine(output, TIME + "run " + ok + " of quick started");
            awaitLine(output, TIME + "run " + ok + " of quick: success after \\d+\\.\\d s");

            String failed = agent.post("/trigger/breaks", "{}").get("run_id").asText();
            awaitLine(output, TIME + "run " + failed + " of breaks started");
            String end = awaitLine(output, TIME + "run " + failed + " of breaks: failed after .*");
            assertThat(end).matches(".* failed after \\d+\\.\\d s: task fail: .*KeyError: 'region'.*");
        }
        // --log-level warn: the agent's INFO messages (such as the pipelines it loaded) are not shown
        assertThat(Files.readString(output))
                .doesNotContain("runnable pipelines from")
                .doesNotContain(" INFO ");
    }

    @Test
    void logsAtInfoByDefault() throws Exception {
        Path output = directory.resolve("agent.out");
        try (AgentProcess agent = AgentProcess.start(config(), directory.resolve("home"), output)) {
            awaitLine(output, ".* INFO .*loaded 2 runnable pipelines from .*");
        }
    }

    @Test
    void refusesAnUnknownLogLevelAsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute(
                "run",
                "--log-level",
                "verbose",
                "--home",
                directory.resolve("home").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'verbose' is not a log level; use one of ERROR, WARN, INFO, DEBUG");
    }
}
