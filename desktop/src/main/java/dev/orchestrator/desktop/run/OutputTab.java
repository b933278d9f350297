package dev.orchestrator.desktop.run;

import dev.orchestrator.api.TaskDto;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The run detail's "Output" tab: a task's (or a map item's) whole output, opened by "Full output…" beside the
 * preview the task tab shows (again: read anew) and selected. {@link Preview} is that preview with its button.
 */
final class OutputTab {

    static final String ID = "output-tab";

    private OutputTab() {}

    static FullOutputView open(
            TabPane tabs, FullOutputModel model, Supplier<SaveTarget> target, Consumer<String> report) {
        FullOutputView view = new FullOutputView(model.load(), target, report);
        Tab tab = tabs.getTabs().stream()
                .filter(existing -> ID.equals(existing.getId()))
                .findFirst()
                .orElseGet(() -> {
                    Tab created = new Tab();
                    created.setId(ID);
                    tabs.getTabs().add(created);
                    return created;
                });
        tab.setText("Output · " + model.title());
        tab.setContent(view);
        tabs.getSelectionModel().select(tab);
        return view;
    }

    /** The task tab's output: its first characters as run detail has them, and "Full output…" when it has one. */
    static final class Preview extends VBox {

        private final TextArea text = new TextArea();
        private final Button full = new Button("Full output…");

        Preview(Consumer<String> openFull) {
            super(4);
            text.setEditable(false);
            text.getStyleClass().add("stack-trace");
            text.setPrefRowCount(6);
            text.setId("output-preview");
            full.setId("full-output");
            full.setDisable(true);
            HBox header = new HBox(8, new Label("Output"), full);
            header.setAlignment(Pos.CENTER_LEFT);
            getChildren().addAll(header, text);
            full.setOnAction(event -> {
                if (getUserData() instanceof String taskId) {
                    openFull.accept(taskId);
                }
            });
        }

        void show(Optional<TaskDto> task) {
            String preview = task.map(TaskDto::output).orElse(null);
            text.setText(preview == null ? "" : preview);
            full.setDisable(preview == null);
            setUserData(task.map(TaskDto::taskId).orElse(null));
        }
    }
}
