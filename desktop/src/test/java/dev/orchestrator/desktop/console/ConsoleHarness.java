package dev.orchestrator.desktop.console;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.desktop.session.AgentProfileStore;
import dev.orchestrator.desktop.session.ConsoleThreads;
import dev.orchestrator.desktop.session.LiveAgent;
import dev.orchestrator.desktop.session.LocalAgent;
import dev.orchestrator.desktop.session.Workspace;
import dev.orchestrator.desktop.shell.FailureNotifier;
import dev.orchestrator.desktop.shell.MainWindow;
import dev.orchestrator.desktop.shell.Theme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real agent (embedded H2, real Quartz, the HTTP API on a free port) and the console's window connected to
 * it the way a user's console is: by finding the local agent through its home. A test class holds one as an
 * extension, which closes it after each test, and builds its window from TestFX's {@code @Start}:
 *
 * <pre>
 * &#64;RegisterExtension
 * final ConsoleHarness harness = new ConsoleHarness(PIPELINES);
 *
 * &#64;Start
 * void start(Stage stage) {
 *     harness.show(stage);
 * }
 * </pre>
 */
final class ConsoleHarness implements AutoCloseable, AfterEachCallback {

    final Path directory;
    final Path home;
    final Path pipelines;
    private final LiveAgent live;
    // the console's own threads, which drop work asked for after they stop, as the application's do
    private final ExecutorService io = ConsoleThreads.io(4, ConsoleThreads.daemon("harness-io"));
    private final ScheduledExecutorService timer = ConsoleThreads.timer(ConsoleThreads.daemon("harness-timer"));
    Workspace workspace;
    MainWindow window;
    /** The window's theme: switching it is what the Light / dark button does. */
    Theme theme;

    ConsoleHarness(String yaml) {
        this(Map.of("pipelines.yaml", yaml));
    }

    /** An agent whose config directory holds these files (name to text). */
    ConsoleHarness(Map<String, String> files) {
        try {
            live = new LiveAgent(files);
        } catch (IOException e) {
            throw new UncheckedIOException("the agent did not start", e);
        }
        directory = live.directory;
        home = live.home;
        pipelines = live.pipelines;
    }

    /** Starts the agent again after {@link #stopAgent()}, on the same port. */
    void startAgent() throws IOException {
        live.start();
    }

    void stopAgent() {
        live.stop();
    }

    Agent agent() {
        return live.agent();
    }

    /** A client of the harness's agent, with its token: how a test drives the agent beside the console. */
    dev.orchestrator.desktop.client.AgentClient client() throws IOException {
        return new dev.orchestrator.desktop.client.AgentClient(
                new dev.orchestrator.desktop.client.AgentProfile(
                        "local",
                        "http://127.0.0.1:" + agent().port(),
                        java.nio.file.Files.readString(home.resolve("token")).strip()),
                new okhttp3.OkHttpClient());
    }

    /**
     * Waits for what the console shows or the agent did, checking every 20 ms, up to a minute: generous, since
     * the toolkit and the agent share two cores with the build.
     */
    static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await(what)
                .atMost(java.time.Duration.ofSeconds(60))
                .pollDelay(java.time.Duration.ZERO)
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(condition);
    }

    /** Builds the window into the stage; call from TestFX's {@code @Start}. */
    void show(Stage stage) {
        theme = new Theme(false);
        theme.applyToApplication();
        workspace = new Workspace(
                        new AgentProfileStore(directory.resolve("console").resolve("agents.json")),
                        new LocalAgent(home),
                        io,
                        Platform::runLater,
                        timer,
                        Clock.system(ZoneId.systemDefault()),
                        new FailureNotifier(false)::eventArrived)
                .open();
        window = new MainWindow(workspace, theme, Clock.system(ZoneId.systemDefault()), io, Platform::runLater, timer);
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** After each test of a class that registered the harness as its extension. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (workspace != null) {
            Platform.runLater(workspace::close);
        }
        if (live.agent() != null) {
            live.stop(); // before the timer stops: the event streams it closes schedule their reconnect there
        }
        timer.shutdownNow();
        io.shutdownNow();
        live.close();
    }
}
