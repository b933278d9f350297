package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** {@link RunningAgent} for tests in other packages. */
public final class RunningAgentAccess implements AutoCloseable {

    private final RunningAgent agent;

    public RunningAgentAccess(Path directory) throws IOException {
        this.agent = new RunningAgent(directory, Duration.ofSeconds(60));
    }

    /** @param clock the agent's clock, which need not be the system's */
    public RunningAgentAccess(Path directory, java.time.Clock clock) throws IOException {
        this.agent = new RunningAgent(directory, Duration.ofSeconds(60), clock);
    }

    public void stop() {
        agent.stop();
    }

    public Path config() {
        return agent.config;
    }

    public void write(String file, String yaml) throws IOException {
        agent.write(file, yaml);
    }

    public void start() throws IOException {
        agent.start();
    }

    public void restart() throws IOException {
        agent.stop();
        agent.start();
    }

    public Agent agent() {
        return agent.agent();
    }

    public RunState awaitEnd(String runId) throws InterruptedException {
        return agent.awaitEnd(runId);
    }

    @Override
    public void close() {
        agent.close();
    }
}
