package dev.orchestrator.desktop.run;

import dev.orchestrator.desktop.compare.RunCompareModel;
import dev.orchestrator.desktop.compare.RunCompareView;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The run detail's "Compare" tab: a run beside the last success of its pipeline, opened by "Compare with last success"
 * (again: read anew) and selected; the graph above shrinks to its least height, since a table side by side needs
 * the room.
 */
final class CompareTab {

    static final String ID = "compare-tab";

    private CompareTab() {}

    static RunCompareView open(TabPane tabs, RunCompareModel model) {
        RunCompareView view = new RunCompareView(model);
        Tab tab = tabs.getTabs().stream()
                .filter(existing -> ID.equals(existing.getId()))
                .findFirst()
                .orElseGet(() -> {
                    Tab created = new Tab("Compare");
                    created.setId(ID);
                    tabs.getTabs().add(created);
                    return created;
                });
        tab.setContent(view);
        tabs.getSelectionModel().select(tab);
        for (Parent parent = tabs.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof SplitPane split) {
                split.setDividerPositions(Math.min(split.getDividerPositions()[0], 0.15));
                break;
            }
        }
        return view;
    }
}
