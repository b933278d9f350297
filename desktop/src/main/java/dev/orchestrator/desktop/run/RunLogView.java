package dev.orchestrator.desktop.run;

import dev.orchestrator.desktop.client.LogLine;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/**
 * The run detail's log tab: the run's lines, or the selected task's, coloured by level, with a separator
 * before each attempt; it follows the end while the run writes.
 */
final class RunLogView extends StackPane {

    private static final List<String> LEVEL_CLASSES =
            List.of("log-error", "log-warn", "log-info", "log-debug", "log-attempt");

    private final Clock clock;
    private final ListView<LogRows.Row> list = new ListView<>();
    private LogRows rows;
    private String task;

    RunLogView(Clock clock) {
        this.clock = clock;
        this.rows = new LogRows(clock.getZone(), LocalDate.now(clock));
        list.setId("task-log");
        list.getStyleClass().add("log-view");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(LogRows.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(LEVEL_CLASSES);
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(row.text());
                getStyleClass().add(row.styleClass());
            }
        });
        getChildren().add(list);
    }

    /** Shows the lines of {@code taskId} (all of them for null), from the start. */
    void show(String taskId, List<LogLine> lines) {
        task = taskId;
        rows = new LogRows(clock.getZone(), LocalDate.now(clock));
        list.getItems().clear();
        lines.forEach(this::add);
        list.scrollTo(Math.max(0, list.getItems().size() - 1));
    }

    /** Appends lines that arrived, those of the task shown. */
    void append(List<? extends LogLine> lines) {
        lines.forEach(this::add);
        list.scrollTo(Math.max(0, list.getItems().size() - 1));
    }

    private void add(LogLine line) {
        if (task == null || line.task().equals(task)) {
            list.getItems().addAll(rows.add(line));
        }
    }
}
