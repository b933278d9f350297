package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.model.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin JAR with a connector and a hook, used by a pipeline in a running agent, beside a broken plugin. */
class PluginPipelineTest {

    @TempDir
    Path directory;

    @Test
    void aPipelineUsesAPluginConnectorAndHookWhileABrokenPluginIsReportedAndSkipped() throws Exception {
        Path plugins = Files.createDirectories(directory.resolve("project/connectors"));
        Path config = Files.createDirectories(directory.resolve("project/pipelines"));
        PluginJars.build(
                directory,
                plugins.resolve("stamping.jar"),
                Map.of(
                        "stamp/Stamp.java", """
                        package stamp;
                        @dev.orchestrator.connector.Connector("stamp")
                        public class Stamp {
                            public String stamp(String text) { return text.toUpperCase(); }
                        }
                        """,
                        "stamp/Record.java", """
                        package stamp;
                        @dev.orchestrator.connector.Hook("record")
                        public class Record implements dev.orchestrator.connector.HookHandler {
                            public void handle(dev.orchestrator.connector.HookEvent event) throws Exception {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(
                                        event.params().get("marker").toString()), event.runId() + " " + event.status());
                            }
                        }
                        """,
                        "stamp/Provider.java", """
                        package stamp;
                        public class Provider implements dev.orchestrator.connector.PluginProvider {
                            public java.util.List<Class<?>> connectors() { return java.util.List.of(Stamp.class); }
                            public java.util.List<Class<? extends dev.orchestrator.connector.HookHandler>> hooks() {
                                return java.util.List.of(Record.class);
                            }
                        }
                        """),
                "stamp.Provider");
        Files.writeString(plugins.resolve("Broken.java"), "public class Broken { int x = ; }\n");
        Path marker = directory.resolve("hook-ran.txt");
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: stamped
                    params: { marker: "%s" }
                    on_success: "hook:record"
                    tasks:
                      - { id: shout, connector: stamp, action: stamp, action_kwargs: { text: "hello {{ pipeline_id }}" } }
                """.formatted(marker));

        try (Agent agent = Agent.start(
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
                        "plugin-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC())) {
            assertThat(agent.pipelines().diagnostics()).isEmpty();
            String runId = agent.executor()
                    .start(
                            agent.pipelines().find("stamped").orElseThrow(),
                            RunRequest.manual(Map.of()),
                            agent.pipelines().secrets());
            assertThat(agent.executor().await(runId, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
            assertThat(agent.runStore()
                            .findRun(runId)
                            .orElseThrow()
                            .task("shout")
                            .orElseThrow()
                            .outputPreview())
                    .contains("\"HELLO STAMPED\"");
            await("the plugin's marker file")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(marker));
            assertThat(Files.readString(marker)).isEqualTo(runId + " success");
        }
    }
}
