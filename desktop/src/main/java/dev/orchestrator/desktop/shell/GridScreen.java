package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.grid.GridModel;
import dev.orchestrator.desktop.grid.GridView;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.session.Workspace;
import java.util.concurrent.Executor;

/**
 * The run grid screen as the window holds it: a click on a cell opens that run in the run detail screen with the
 * cell's task selected. Apart from {@link MainWindow} so that the window stays a list of screens.
 */
final class GridScreen {

    private GridScreen() {}

    static GridView create(MainWindow window, Workspace workspace, Theme theme, Executor io, Executor ui) {
        return new GridView(
                new GridModel(workspace.sessions(), io, ui, (ref, taskId) -> openTask(window, ref, taskId)),
                theme.darkProperty());
    }

    private static void openTask(MainWindow window, RunRef ref, String taskId) {
        window.openRun(ref);
        RunDetailView detail = window.runDetail();
        if (detail != null && detail.model().runId().equals(ref.runId())) {
            // chosen before the run is read, so a failed run's own choice (its failed task) does not replace it
            detail.model().selectedTaskProperty().set(taskId);
        }
    }
}
