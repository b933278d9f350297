package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.editor.EditorModel;
import dev.orchestrator.desktop.editor.EditorView;
import dev.orchestrator.desktop.session.AgentSession;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The editor screen as the window holds it: in the theme the window has when it is first opened (its code pane is
 * a WebView, which follows the theme by being told). Apart from {@link MainWindow} so that the window stays a list
 * of screens.
 */
final class EditorScreen {

    private EditorScreen() {}

    static EditorView create(
            List<AgentSession> sessions,
            Theme theme,
            Executor io,
            Executor ui,
            ScheduledExecutorService timer,
            Clock clock,
            Consumer<String> report) {
        EditorView editor = new EditorView(new EditorModel(io, ui, timer, clock), sessions, report);
        editor.setDark(theme.isDark());
        return editor;
    }
}
