package dev.orchestrator.installer;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code orchestrator} launcher, on the jlink-trimmed runtime it ships with: the commands a user
 * types first, and an agent that runs work and stops on SIGTERM as SPEC 4 says (running work gets the grace period,
 * is then stopped and recorded as cancelled).
 */
@EnabledOnOs(OS.LINUX)
class PackagedAgentIT {

    /** Unusual enough to find the task's process among all others. */
    private static final String SLEEP_MARKER = "37.25";

    private static final int GRACE_SECONDS = 2;

    private final PackagedImage image = PackagedImage.built();
    private final List<PackagedAgent> agents = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stopEverything() {
        for (PackagedAgent agent : agents) {
            agent.close();
        }
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(SLEEP_MARKER))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void printsItsVersionAndTheBundledJava() throws Exception {
        PackagedImage.Result result = image.orchestrator(directory, "--version");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .startsWith("orchestrator " + PackagedImage.required("packaged.version"))
                .contains("Java 17");
    }

    @Test
    void validatesTheExamplePipelines() throws Exception {
        PackagedImage.Result result =
                image.orchestrator(PackagedImage.projectRoot(), "validate", "--config", "pipelines");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK: 3 pipelines");
    }

    @Test
    void compilesASingleFilePluginWithTheBundledRuntime() throws Exception {
        assertThat(image.orchestrator(directory, "init", "demo").exitCode()).isZero();

        PackagedImage.Result result = image.orchestrator(
                directory.resolve("demo"), "validate", "--config", "pipelines", "--plugins", "connectors");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("PLG001").contains("OK:");
    }

    @Test
    void eachLauncherHasOnlyItsOwnJarOnItsClassPath() throws Exception {
        assertThat(image.configuration("orchestrator"))
                .filteredOn(line -> line.startsWith("app.classpath="))
                .containsExactly("app.classpath=$APPDIR/orchestrator.jar");
        assertThat(image.configuration("orchestrator-console"))
                .filteredOn(line -> line.startsWith("app.classpath="))
                .containsExactly("app.classpath=$APPDIR/orchestrator-console.jar");
    }

    @Test
    void runsWorkAnswersHealthAndOnSigtermRecordsRunningWorkAsCancelled() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                  - id: long_running
                    tasks:
                      - { id: first, connector: shell, action: run, action_kwargs: { command: "sleep %s" }, timeout_seconds: 120 }
                      - { id: second, connector: shell, action: run, action_kwargs: { command: "echo second" }, depends_on: [first] }
                """.formatted(SLEEP_MARKER));
        PackagedAgent agent = start(config, home, output);

        JsonNode health = agent.health();
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("version").asText()).startsWith(PackagedImage.required("packaged.version"));
        String quick = agent.post("/trigger/quick", "{}").get("run_id").asText();
        assertThat(agent.awaitEnd(quick, Duration.ofSeconds(20))).isEqualTo("success");
        String longRunning =
                agent.post("/trigger/long_running", "{}").get("run_id").asText();
        awaitTaskRunning(agent, longRunning, "first");

        long stopping = System.nanoTime();
        int exitCode = agent.stop(Duration.ofSeconds(30));
        Duration stopTime = Duration.ofNanos(System.nanoTime() - stopping);

        // 143 = 128 + SIGTERM: how a JVM reports a stop by SIGTERM after its shutdown work (the unit accepts it)
        assertThat(exitCode).as(agent.output()).isEqualTo(143);
        // a grace period for the run, then one for its attempt, then closing: the unit's TimeoutStopSec covers it
        assertThat(stopTime).isLessThan(Duration.ofSeconds(2L * GRACE_SECONDS + 5));
        assertThat(agent.output())
                .contains("agent stopping: no new runs; 1 running get 2 s to finish", "agent stopped");
        assertThat(ProcessHandle.allProcesses()
                        .filter(process ->
                                process.info().commandLine().orElse("").contains(SLEEP_MARKER))
                        .count())
                .as("the task's process was stopped too")
                .isZero();

        PackagedAgent next = start(config, home, output);
        JsonNode run = next.get("/api/v1/runs/" + longRunning);
        assertThat(run.get("status").asText()).isEqualTo("cancelled");
        assertThat(run.get("reason").asText()).isEqualTo("the agent was stopped");
        assertThat(task(run, "first").get("status").asText()).isEqualTo("cancelled");
        assertThat(task(run, "second").get("status").asText()).isEqualTo("cancelled");
        assertThat(next.get("/api/v1/runs/" + quick).get("status").asText()).isEqualTo("success");
        assertThat(next.stop(Duration.ofSeconds(30))).isEqualTo(143);
    }

    private PackagedAgent start(Path config, Path home, Path output) throws Exception {
        PackagedAgent agent = PackagedAgent.start(image, config, home, GRACE_SECONDS, output);
        agents.add(agent);
        return agent;
    }

    private static void awaitTaskRunning(PackagedAgent agent, String runId, String taskId) {
        agent.awaitTask(runId, taskId, "running", Duration.ofSeconds(20));
    }
}
