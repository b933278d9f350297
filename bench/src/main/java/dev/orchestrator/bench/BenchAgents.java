package dev.orchestrator.bench;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The agent the API benchmarks start in their own JVM: loopback, a free port, the embedded database, UTC. */
final class BenchAgents {

    private BenchAgents() {}

    /**
     * An agent on {@code home}, loading {@code pipelines}, with connectors from {@code connectors}, purging finished
     * runs older than {@code retentionDays}.
     */
    static Agent start(Path home, Path pipelines, Path connectors, int retentionDays) throws IOException {
        return Agent.start(
                new AgentConfig(
                        home,
                        pipelines,
                        connectors,
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        retentionDays,
                        Duration.ofSeconds(5),
                        ZoneId.of("UTC"),
                        "bench",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "bench",
                Clock.systemUTC());
    }
}
