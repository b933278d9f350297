package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.runs.FxRunsDialogs;
import dev.orchestrator.desktop.runs.RunsModel;
import dev.orchestrator.desktop.runs.RunsView;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.stage.Window;

/**
 * The runs screen as the window holds it: its confirmations are dialogs over the window, its reports go to the
 * status line. Apart from {@link MainWindow} so that the window stays a list of screens.
 */
final class RunsScreen {

    private RunsScreen() {}

    static RunsView create(
            ObservableList<AgentSession> sessions,
            Clock clock,
            Consumer<RunRef> openRun,
            Supplier<Window> window,
            Consumer<String> report) {
        return new RunsView(new RunsModel(sessions, openRun, new FxRunsDialogs(window), report), clock);
    }
}
