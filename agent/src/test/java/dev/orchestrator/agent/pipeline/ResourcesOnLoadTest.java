package dev.orchestrator.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.model.ResourceLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent checks resource profiles against its own limits when it loads files (RES001, issue 21): a task asking
 * more than the agent may ever give is reported at its line, and its pipeline does not run, while its neighbour does.
 */
class ResourcesOnLoadTest {

    @TempDir
    Path directory;

    @Test
    void aProfileLargerThanTheAgentCanEverGiveIsReportedAtItsLineAndNotRunnable() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(config.resolve("big.yaml"), """
                pipelines:
                  - id: big
                    tasks:
                      - id: join
                        connector: shell
                        action: run
                        action_kwargs: { command: echo }
                        resources: { memory_mb: 8192, cpu: 1 }
                """);
        Files.writeString(config.resolve("ok.yaml"), """
                pipelines:
                  - id: ok
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: echo }, resources: { memory_mb: 4096, cpu: 2 } }
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
                                "resources-test",
                                AgentConfig.DEFAULT_MISFIRE_THRESHOLD)
                        .withResources(new ResourceLimits(4096, 2)),
                "test",
                Clock.systemUTC())) {
            assertThat(agent.pipelines().diagnostics()).singleElement().satisfies(diagnostic -> {
                assertThat(diagnostic.code()).isEqualTo("RES001");
                assertThat(diagnostic.file()).endsWith("big.yaml");
                assertThat(diagnostic.line()).isEqualTo(8);
                assertThat(diagnostic.column()).isEqualTo(33);
                assertThat(diagnostic.message())
                        .isEqualTo("task 'join' asks for 8192 MB of memory, and this agent may give at most 4096 MB: "
                                + "it could never start");
            });
            assertThat(agent.pipelines().runnable())
                    .extracting(pipeline -> pipeline.id())
                    .containsExactly("ok");
        }
    }
}
