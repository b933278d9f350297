package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running agent and the files beside its pipelines: the {@code .env} file and the plugins directory, changed
 * while it runs, take effect without a restart, as the pipeline files do.
 */
class LiveReloadTest {

    // generous: compiling a plugin on a loaded two-core machine takes seconds
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    private Path config;
    private Path plugins;

    private Agent start() throws IOException {
        return Agent.start(
                new AgentConfig(
                        directory.resolve("home"),
                        config,
                        plugins,
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        30,
                        Duration.ofSeconds(1),
                        ZoneId.of("UTC"),
                        "reload-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC());
    }

    private void project() throws IOException {
        plugins = Files.createDirectories(directory.resolve("project/connectors"));
        config = Files.createDirectories(directory.resolve("project/pipelines"));
    }

    @Test
    void aVariableAddedToDotEnvLoadsThePipelineThatUsesItWithoutARestart() throws Exception {
        project();
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: keyed
                    tasks:
                      - { id: call, connector: shell, action: run, action_kwargs: { command: "echo ${MY_API_KEY}" } }
                """);
        try (Agent agent = start()) {
            assertThat(agent.pipelines().find("keyed")).isEmpty();
            assertThat(agent.pipelines().diagnostics())
                    .extracting(Diagnostic::code)
                    .contains("ENV001");

            Files.writeString(directory.resolve("project/.env"), "MY_API_KEY=k-123\n");

            await(
                    "the pipeline using ${MY_API_KEY} loaded",
                    () -> agent.pipelines().find("keyed").isPresent());
            assertThat(agent.pipelines().diagnostics()).isEmpty();
            String runId = agent.executor()
                    .start(
                            agent.pipelines().find("keyed").orElseThrow(),
                            RunRequest.manual(Map.of()),
                            agent.pipelines().secrets());
            assertThat(agent.executor().await(runId, LIMIT)).contains(RunState.SUCCESS);
        }
    }

    @Test
    void aHookPluginAddedToThePluginsDirectoryLoadsThePipelineThatUsesIt() throws Exception {
        project();
        Path marker = directory.resolve("hook-ran.txt");
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: noted
                    params: { marker: "%s" }
                    on_success: "hook:note"
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
                """.formatted(marker));
        try (Agent agent = start()) {
            assertThat(agent.pipelines().find("noted")).isEmpty();
            assertThat(agent.pipelines().diagnostics())
                    .extracting(Diagnostic::code)
                    .contains("HOOK003");

            Files.writeString(plugins.resolve("Note.java"), """
                    @dev.orchestrator.connector.Hook("note")
                    public class Note implements dev.orchestrator.connector.HookHandler {
                        public void handle(dev.orchestrator.connector.HookEvent event) throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of(
                                    event.params().get("marker").toString()), event.runId());
                        }
                    }
                    """);

            await(
                    "the pipeline using hook:note loaded",
                    () -> agent.pipelines().find("noted").isPresent());
            String runId = agent.executor()
                    .start(
                            agent.pipelines().find("noted").orElseThrow(),
                            RunRequest.manual(Map.of()),
                            agent.pipelines().secrets());
            assertThat(agent.executor().await(runId, LIMIT)).contains(RunState.SUCCESS);
            await("the hook ran", () -> Files.exists(marker));
            assertThat(Files.readString(marker)).isEqualTo(runId);
        }
    }

    @Test
    void aChangedPluginServesNewRunsWhileARunGoingOnKeepsTheVersionItStartedWith() throws Exception {
        project();
        Path gate = directory.resolve("gate");
        Files.writeString(plugins.resolve("Greeter.java"), """
                @dev.orchestrator.connector.Connector("greeter")
                public class Greeter {
                    public String greet() { return "v1"; }
                }
                """);
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: greets
                    params: { gate: "%s" }
                    tasks:
                      - { id: hold, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "while [ ! -f '{{ params.gate }}' ]; do sleep 0.05; done"] } }
                      - { id: greet, connector: greeter, action: greet, depends_on: [hold] }
                """.formatted(gate));
        // `versioned` uses an action only the second version has: it loads once that version is in
        Files.writeString(config.resolve("v.yaml"), """
                pipelines:
                  - id: versioned
                    tasks:
                      - { id: ask, connector: greeter, action: version }
                """);
        try (Agent agent = start()) {
            assertThat(agent.pipelines().find("greets")).isPresent();
            assertThat(agent.pipelines().find("versioned")).isEmpty();
            String going = agent.executor()
                    .start(
                            agent.pipelines().find("greets").orElseThrow(),
                            RunRequest.manual(Map.of()),
                            agent.pipelines().secrets());
            await(
                    "the first run holds",
                    () -> agent.runStore()
                            .findRun(going)
                            .orElseThrow()
                            .task("hold")
                            .map(task -> task.status() == TaskState.RUNNING)
                            .orElse(false));

            Files.writeString(plugins.resolve("Greeter.java"), """
                    @dev.orchestrator.connector.Connector("greeter")
                    public class Greeter {
                        public String greet() { return "v2"; }
                        public int version() { return 2; }
                    }
                    """);
            await(
                    "the second version loaded",
                    () -> agent.pipelines().find("versioned").isPresent());
            Files.writeString(gate, "open");

            assertThat(agent.executor().await(going, LIMIT)).contains(RunState.SUCCESS);
            assertThat(agent.runStore()
                            .findRun(going)
                            .orElseThrow()
                            .task("greet")
                            .orElseThrow()
                            .outputPreview())
                    .contains("\"v1\"");
            String next = agent.executor()
                    .start(
                            agent.pipelines().find("greets").orElseThrow(),
                            RunRequest.manual(Map.of()),
                            agent.pipelines().secrets());
            assertThat(agent.executor().await(next, LIMIT)).contains(RunState.SUCCESS);
            assertThat(agent.runStore()
                            .findRun(next)
                            .orElseThrow()
                            .task("greet")
                            .orElseThrow()
                            .outputPreview())
                    .contains("\"v2\"");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(LIMIT).pollInterval(Duration.ofMillis(25)).until(condition::getAsBoolean);
    }
}
