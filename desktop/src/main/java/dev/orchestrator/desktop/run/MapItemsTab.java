package dev.orchestrator.desktop.run;

import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.TaskDto;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The run detail's "Items" tab: there, and selected, while a map (a {@code for_each} task) is the task selected in
 * the graph; its page is read again whenever the map's counts change, so it follows a running map.
 */
final class MapItemsTab {

    static final String ID = "items-tab";

    private final TabPane tabs;
    private final RunDetailModel run;
    private final MapItemsModel items;
    private final Tab tab;
    private MapCountsDto countsShown;

    /** @param target where a save of an item's whole output goes */
    MapItemsTab(TabPane tabs, RunDetailModel run, Consumer<String> report, Supplier<SaveTarget> target) {
        this.tabs = tabs;
        this.run = run;
        this.items = run.mapItems();
        this.tab = new Tab(
                "Items",
                new MapItemsView(
                        items, report, index -> OutputTab.open(tabs, items.itemOutput(index), target, report)));
        tab.setId(ID);
        run.selectedTaskProperty().addListener((observable, old, id) -> show(id));
        run.tasksProperty()
                .addListener((observable, old, shapes) ->
                        show(run.selectedTaskProperty().get()));
        run.runProperty().addListener((observable, old, detail) -> follow(detail));
    }

    private void show(String taskId) {
        boolean map = taskId != null
                && run.tasksProperty().get().stream()
                        .anyMatch(task -> task.map() && task.id().equals(taskId));
        if (!map) {
            tabs.getTabs().remove(tab);
            return;
        }
        if (!tabs.getTabs().contains(tab)) {
            tabs.getTabs().add(1, tab);
        }
        countsShown = counts(run.runProperty().get(), taskId);
        items.show(taskId);
        tabs.getSelectionModel().select(tab);
    }

    /** A new detail of the run: the page shown is read again if the map's counts moved. */
    private void follow(RunDto detail) {
        String taskId = items.taskProperty().get();
        if (taskId == null || !tabs.getTabs().contains(tab)) {
            return;
        }
        MapCountsDto counts = counts(detail, taskId);
        if (!Objects.equals(counts, countsShown)) {
            countsShown = counts;
            items.read();
        }
    }

    private static MapCountsDto counts(RunDto detail, String taskId) {
        if (detail == null || detail.tasks() == null) {
            return null;
        }
        return detail.tasks().stream()
                .filter(task -> task.taskId().equals(taskId))
                .map(TaskDto::items)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    MapItemsModel model() {
        return items;
    }
}
