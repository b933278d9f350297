package dev.orchestrator.desktop.console;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.desktop.session.AgentProfileStore;
import dev.orchestrator.desktop.session.LocalAgent;
import dev.orchestrator.desktop.session.Workspace;
import dev.orchestrator.desktop.shell.FailureNotifier;
import dev.orchestrator.desktop.shell.MainWindow;
import dev.orchestrator.desktop.shell.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real agent (embedded H2, real Quartz, the HTTP API on a free port) and the console's window connected to
 * it the way a user's console is: by finding the local agent through its home.
 */
final class ConsoleHarness implements AutoCloseable {

    final Path directory;
    final Path home;
    final Path pipelines;
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Agent agent;
    private int port;
    Workspace workspace;
    MainWindow window;

    ConsoleHarness(String yaml) throws IOException {
        this(Map.of("pipelines.yaml", yaml));
    }

    /** An agent whose config directory holds these files (name to text). */
    ConsoleHarness(Map<String, String> files) throws IOException {
        directory = Files.createTempDirectory("console-test");
        home = directory.resolve("home");
        pipelines = Files.createDirectories(directory.resolve("project").resolve("pipelines"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(pipelines.resolve(file.getKey()), file.getValue());
        }
        startAgent();
    }

    void startAgent() throws IOException {
        agent = Agent.start(new AgentConfig(home, pipelines, directory.resolve("project").resolve("connectors"),
                "127.0.0.1", port, Optional.empty(), 30, Duration.ofMillis(500), ZoneId.of("UTC"), "console-test",
                AgentConfig.DEFAULT_MISFIRE_THRESHOLD), "test", Clock.systemUTC());
        port = agent.port(); // a restart comes back on the same port, as an agent with its configured port does
    }

    void stopAgent() {
        agent.close();
        agent = null;
    }

    Agent agent() {
        return agent;
    }

    /** Builds the window into the stage; call from TestFX's {@code @Start}. */
    void show(Stage stage) {
        Theme theme = new Theme(false);
        theme.applyToApplication();
        workspace = new Workspace(new AgentProfileStore(directory.resolve("console").resolve("agents.json")),
                new LocalAgent(home), io, Platform::runLater, timer, Clock.systemDefaultZone(),
                new FailureNotifier(false)::eventArrived).open();
        window = new MainWindow(workspace, theme, Clock.systemDefaultZone(), io, Platform::runLater, timer);
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void close() throws IOException {
        if (workspace != null) {
            Platform.runLater(workspace::close);
        }
        if (agent != null) {
            agent.close();
        }
        timer.shutdownNow();
        io.shutdownNow();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
