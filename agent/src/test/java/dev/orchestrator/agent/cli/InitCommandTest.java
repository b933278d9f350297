package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.model.RunState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `orchestrator init demo`, then `validate` and a run inside it, with its sample single-file connector. */
class InitCommandTest {

    @TempDir
    Path directory;

    private static int run(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }

    @Test
    void createsAProjectThatValidatesAndRunsWithItsSampleConnector() throws Exception {
        Path project = directory.resolve("demo");

        assertThat(run("init", project.toString())).isZero();
        assertThat(project.resolve("pipelines/hello.yaml")).exists();
        assertThat(project.resolve("connectors/Greeter.java")).exists();
        assertThat(run(
                        "validate",
                        "--config",
                        project.resolve("pipelines").toString(),
                        "--plugins",
                        project.resolve("connectors").toString()))
                .isZero();

        try (Agent agent = Agent.start(
                new AgentConfig(
                        directory.resolve("home"),
                        project.resolve("pipelines"),
                        project.resolve("connectors"),
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        30,
                        Duration.ofSeconds(1),
                        ZoneId.of("UTC"),
                        "init-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC())) {
            String runId = agent.executor()
                    .start(
                            agent.pipelines().find("hello").orElseThrow(),
                            RunRequest.manual(Map.of("who", "Ada")),
                            agent.pipelines().secrets());
            assertThat(agent.executor().await(runId, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
        }
        assertThat(Files.readString(project.resolve("pipelines/data/greetings.csv")))
                .contains("Hello, Ada!");
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(directory.resolve("taken.txt"), "x");

        assertThat(run("init", directory.toString())).isEqualTo(2);
    }

    @Test
    void pingAsksEachConnectorAndFailsWhenOneIsNotReachable() throws Exception {
        Path project = directory.resolve("demo");
        assertThat(run("init", project.toString())).isZero();
        String pipelines = project.resolve("pipelines").toString();
        String plugins = project.resolve("connectors").toString();

        StringWriter reachable = new StringWriter();
        CommandLine first = Main.newCommandLine();
        first.setOut(new PrintWriter(reachable));
        assertThat(first.execute("ping", "--config", pipelines, "--plugins", plugins))
                .isZero();
        assertThat(reachable.toString())
                .contains("hello/greet")
                .contains("greeter")
                .contains("ok")
                .containsPattern("hello/keep\\s+csv_file\\s+ok")
                .contains("OK: 2 checked");

        Files.writeString(
                project.resolve("connectors/Greeter.java"),
                Files.readString(project.resolve("connectors/Greeter.java")).replace("return true;", "return false;"));
        StringWriter down = new StringWriter();
        CommandLine second = Main.newCommandLine();
        second.setOut(new PrintWriter(down));
        assertThat(second.execute("ping", "--config", pipelines, "--plugins", plugins))
                .isEqualTo(1);
        assertThat(down.toString()).contains("failed").contains("FAILED: 1 of 2 checked not reachable");
    }
}
