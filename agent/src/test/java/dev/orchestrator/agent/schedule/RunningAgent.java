package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** A whole agent in this JVM, wired as {@code orchestrator run} wires it, on a home that survives restarts. */
public final class RunningAgent implements AutoCloseable {

    final Path config;
    final Path home;
    private final Duration misfireThreshold;
    private final Clock clock;
    private Agent agent;

    RunningAgent(Path directory, Duration misfireThreshold) throws IOException {
        this(directory, misfireThreshold, Clock.systemUTC());
    }

    /** @param clock the agent's clock, which need not be the system's */
    RunningAgent(Path directory, Duration misfireThreshold, Clock clock) throws IOException {
        this.config = Files.createDirectories(directory.resolve("project").resolve("pipelines"));
        this.home = directory.resolve("home");
        this.misfireThreshold = misfireThreshold;
        this.clock = clock;
    }

    RunningAgent start() throws IOException {
        agent = Agent.start(
                new AgentConfig(
                        home,
                        config,
                        config.resolveSibling("connectors"),
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        30,
                        Duration.ofMillis(500),
                        ZoneId.of("UTC"),
                        "test-agent",
                        misfireThreshold),
                "test",
                clock);
        await(
                "the scheduler to start",
                Duration.ofMinutes(2),
                () -> agent.schedules().isRunning());
        return this;
    }

    void stop() {
        agent.close();
        agent = null;
    }

    Agent agent() {
        return agent;
    }

    void write(String file, String yaml) throws IOException {
        Files.writeString(config.resolve(file), yaml);
    }

    List<RunRecord> runs(String pipelineId) {
        return agent.runStore().findRuns(pipelineId, 10_000);
    }

    RunState awaitEnd(String runId) throws InterruptedException {
        return agent.executor()
                .await(runId, Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("run " + runId + " did not end"));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(limit)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        if (agent != null) {
            stop();
        }
    }
}
