package dev.orchestrator.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent checks action_kwargs against its connectors when it loads files, so a typo never reaches a run. */
class ActionArgumentsOnLoadTest {

    @TempDir
    Path directory;

    @Test
    void aPipelineWithAMisspeltArgumentIsReportedAndNotRunnableWhileItsNeighbourRuns() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(config.resolve("api.yaml"), """
                pipelines:
                  - id: api
                    tasks:
                      - id: call
                        connector: http_api
                        connector_config: { base_url: "http://127.0.0.1:9" }
                        action: fetch
                        action_kwargs: { endpont: /x }
                """);
        Files.writeString(config.resolve("ok.yaml"), """
                pipelines:
                  - id: ok
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: echo, env: { ANY: x } } }
                """);

        try (Agent agent = Agent.start(
                new AgentConfig(
                        directory.resolve("home"),
                        config,
                        directory.resolve("connectors"),
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        30,
                        Duration.ofSeconds(1),
                        ZoneId.of("UTC"),
                        "arguments-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC())) {
            assertThat(agent.pipelines().diagnostics()).singleElement().satisfies(diagnostic -> {
                assertThat(diagnostic.code()).isEqualTo("CON003");
                assertThat(diagnostic.file()).endsWith("api.yaml");
                assertThat(diagnostic.line()).isEqualTo(8);
                assertThat(diagnostic.message()).contains("did you mean 'endpoint'?");
            });
            assertThat(agent.pipelines().runnable())
                    .extracting(pipeline -> pipeline.id())
                    .containsExactly("ok");
        }
    }
}
