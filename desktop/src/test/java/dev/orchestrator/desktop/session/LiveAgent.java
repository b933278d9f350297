package dev.orchestrator.desktop.session;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * A real agent (embedded H2, real Quartz, the HTTP API on a free loopback port) in a directory of its own, for
 * view-model tests that act on an agent: sessions on it read and call it through a real {@link AgentClient}.
 */
public final class LiveAgent implements AutoCloseable {

    public final Path directory;
    public final Path home;
    public final Path pipelines;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Agent agent;
    private int port;

    /** An agent whose config directory holds these files (name to text). */
    public LiveAgent(Map<String, String> files) throws IOException {
        directory = Files.createTempDirectory("console-agent");
        home = directory.resolve("home");
        pipelines = Files.createDirectories(directory.resolve("project").resolve("pipelines"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(pipelines.resolve(file.getKey()), file.getValue());
        }
        start();
    }

    /** Starts the agent; after a {@link #stop()} it comes back on the same port, as an agent with its port set. */
    public void start() throws IOException {
        agent = Agent.start(
                new AgentConfig(
                        home,
                        pipelines,
                        directory.resolve("project").resolve("connectors"),
                        "127.0.0.1",
                        port,
                        Optional.empty(),
                        30,
                        Duration.ofMillis(500),
                        ZoneId.of("UTC"),
                        "console-test",
                        AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                "test",
                Clock.systemUTC());
        port = agent.port();
    }

    public void stop() {
        agent.close();
        agent = null;
    }

    public Agent agent() {
        return agent;
    }

    /** The agent's address and token, under {@code name}. */
    public AgentProfile profile(String name) throws IOException {
        return new AgentProfile(
                name,
                "http://127.0.0.1:" + port,
                Files.readString(home.resolve("token")).strip());
    }

    /** A session on this agent whose I/O and UI work run at once on the calling thread. */
    public AgentSession session(String name) throws IOException {
        return new AgentSession(
                new AgentClient(profile(name), new OkHttpClient()),
                Runnable::run,
                Runnable::run,
                timer,
                Clock.systemUTC());
    }

    @Override
    public void close() throws IOException {
        if (agent != null) {
            agent.close();
        }
        timer.shutdownNow();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
