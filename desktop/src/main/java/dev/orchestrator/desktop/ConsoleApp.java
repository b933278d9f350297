package dev.orchestrator.desktop;

import dev.orchestrator.desktop.notice.NoticesModel;
import dev.orchestrator.desktop.session.AgentProfileStore;
import dev.orchestrator.desktop.session.LocalAgent;
import dev.orchestrator.desktop.session.Workspace;
import dev.orchestrator.desktop.shell.ErrorAlert;
import dev.orchestrator.desktop.shell.FailureNotifier;
import dev.orchestrator.desktop.shell.MainWindow;
import dev.orchestrator.desktop.shell.NoticePopups;
import dev.orchestrator.desktop.shell.Theme;
import dev.orchestrator.desktop.shell.UncaughtErrors;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console application: builds the workspace (saved agents and the local one), the window, and the
 * threads for I/O, and stops them when the window closes. The only class that touches {@link Platform}: everyone
 * else gets "run on the UI thread" as an {@link java.util.concurrent.Executor}.
 */
public final class ConsoleApp extends Application {

    private ExecutorService io;
    private ScheduledExecutorService timer;
    private Workspace workspace;

    @Override
    public void start(Stage stage) {
        new UncaughtErrors(Platform::runLater, new ErrorAlert()).install();
        io = Executors.newFixedThreadPool(4, daemon("console-io"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("console-timer"));
        Theme theme = new Theme(Boolean.getBoolean("console.dark"));
        theme.applyToApplication();
        FailureNotifier notifier = new FailureNotifier(true);
        workspace = new Workspace(
                        new AgentProfileStore(
                                AgentProfileStore.defaultDirectory().resolve("agents.json")),
                        new LocalAgent(LocalAgent.defaultHome()),
                        io,
                        Platform::runLater,
                        timer,
                        Clock.system(ZoneId.systemDefault()),
                        notifier::eventArrived)
                .open();
        NoticePopups popups = new NoticePopups();
        new NoticesModel(workspace.sessions(), popups::show); // lives as long as the sessions it listens to
        MainWindow window =
                new MainWindow(workspace, theme, Clock.system(ZoneId.systemDefault()), io, Platform::runLater, timer);
        stage.setOnCloseRequest(event -> {
            if (!window.confirmClose()) {
                event.consume(); // unsaved changes in the editor, and the user chose to keep them
            }
        });
        Scene scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setTitle("Orchestrator console");
        stage.setScene(scene);
        stage.show();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (io != null) {
            io.shutdownNow();
        }
    }
}
