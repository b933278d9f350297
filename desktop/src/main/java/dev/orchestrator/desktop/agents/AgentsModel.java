package dev.orchestrator.desktop.agents;

import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The agents the console talks to, and the actions on them: add, edit, remove, and start the local agent when
 * none runs. Changes go through the {@link Workspace}, so the saved file and the open sessions agree. Call on the
 * UI thread.
 */
public final class AgentsModel {

    /** How long a started local agent gets to publish its address before the console looks for it. */
    static final Duration LOCAL_AGENT_START = Duration.ofSeconds(4);

    private final Workspace workspace;
    private final AgentStarter starter;
    private final AgentDialogs dialogs;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Consumer<String> report;
    private final ObjectProperty<AgentSession> selected = new SimpleObjectProperty<>();

    /**
     * @param ui     runs work on the UI thread (the console's {@code Platform::runLater}, a test's direct executor)
     * @param timer  decides when to look for a local agent just started; the look itself runs on {@code ui}
     * @param report shows what happened or went wrong, in the window's status bar
     */
    public AgentsModel(
            Workspace workspace,
            AgentStarter starter,
            AgentDialogs dialogs,
            Executor ui,
            ScheduledExecutorService timer,
            Consumer<String> report) {
        this.workspace = workspace;
        this.starter = starter;
        this.dialogs = dialogs;
        this.ui = ui;
        this.timer = timer;
        this.report = report;
    }

    public ObservableList<AgentSession> sessions() {
        return workspace.sessions();
    }

    /** Where the agents and their tokens are kept. */
    public Path profilesFile() {
        return workspace.profilesFile();
    }

    /** The agent edit and remove apply to; the view sets it from the table's selection. */
    public ObjectProperty<AgentSession> selectedProperty() {
        return selected;
    }

    /** How the agents table words a health. */
    public static String label(AgentHealth health) {
        return switch (health) {
            case ONLINE -> "online";
            case STALE -> "stale";
            case CONNECTING -> "connecting";
        };
    }

    /** Asks for a name, address and token, and connects to that agent. */
    public void add() {
        dialogs.askProfile(null).ifPresent(this::put);
    }

    /** Asks for the selected agent's name, address and token again, and reconnects with them. */
    public void edit() {
        AgentSession session = selected.get();
        if (session != null) {
            dialogs.askProfile(session.profile()).ifPresent(this::put);
        }
    }

    public void remove() {
        AgentSession session = selected.get();
        if (session != null) {
            workspace.remove(session);
        }
    }

    /**
     * Asks for a folder of pipelines and starts an agent on it, as a process of its own; once it had time to
     * publish its address, connects to it, or says where its log is when it did not start.
     */
    public void startLocal() {
        dialogs.askPipelinesFolder().ifPresent(directory -> {
            try {
                starter.start(directory);
            } catch (IOException e) {
                report.accept(e.getMessage());
                return;
            }
            report.accept("Starting the local agent on " + directory + "; it appears here within seconds");
            timer.schedule(
                    () -> ui.execute(() -> workspace
                            .localAgent()
                            .find()
                            .ifPresentOrElse(
                                    this::put,
                                    () -> report.accept("The local agent did not start; see its log in "
                                            + workspace.localAgent().home().resolve("logs")))),
                    LOCAL_AGENT_START.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    private void put(AgentProfile profile) {
        try {
            workspace.put(profile);
        } catch (RuntimeException e) {
            report.accept(e.getMessage());
        }
    }
}
