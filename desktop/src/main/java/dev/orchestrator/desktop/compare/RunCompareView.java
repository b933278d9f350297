package dev.orchestrator.desktop.compare;

import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.DiffLines;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A run beside the last success of its pipeline ({@link RunCompareModel}): what changed in its parameters, logical
 * time and revision; a table of the tasks, the changed ones first and in bold, each side's state, attempts and
 * duration, the ratio, whether the output changed and the first error line; and the pipeline's diff between the two.
 */
public final class RunCompareView extends VBox {

    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final RunCompareModel model;
    private final Label summary = new Label();
    private final Label changes = new Label();
    private final TableView<RunCompareModel.Row> table = new TableView<>();
    private final DiffLines revisionDiff = new DiffLines("Both runs ran the same text of the pipeline");

    public RunCompareView(RunCompareModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("run-compare");
        setSpacing(8);
        summary.setId("compare-summary");
        summary.getStyleClass().add("card-label");
        summary.setWrapText(true);
        changes.setId("compare-changes");
        changes.setWrapText(true);
        changes.setMinHeight(Region.USE_PREF_SIZE);
        table.setId("compare-table");
        table.getStyleClass().addAll("compare-table", "dense");
        table.setPlaceholder(new Label("No tasks to compare"));
        column(null, "Task", RunCompareModel.Row::taskId, 150);
        TableColumn<RunCompareModel.Row, String> lastSuccess = new TableColumn<>("Last success");
        TableColumn<RunCompareModel.Row, String> thisRun = new TableColumn<>("This run");
        for (boolean success : new boolean[] {true, false}) {
            TableColumn<RunCompareModel.Row, String> side = success ? lastSuccess : thisRun;
            column(side, "State", success ? RunCompareModel.Row::stateA : RunCompareModel.Row::stateB, 96)
                    .setCellFactory(cell -> new StateBadgeCell<>());
            column(side, "Tries", success ? RunCompareModel.Row::attemptsA : RunCompareModel.Row::attemptsB, 58);
            column(side, "Duration", success ? RunCompareModel.Row::durationA : RunCompareModel.Row::durationB, 90);
            table.getColumns().add(side);
        }
        column(null, "Ratio", RunCompareModel.Row::ratio, 70);
        column(null, "Output", RunCompareModel.Row::output, 85);
        column(null, "First error", RunCompareModel.Row::error, 200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(RunCompareModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(CHANGED, !empty && row != null && row.changed());
            }
        });
        revisionDiff.setId("compare-revision-diff");
        Label diffTitle = new Label("Pipeline text: last success → this run");
        diffTitle.getStyleClass().add("card-label");
        VBox diffPane = new VBox(4, diffTitle, revisionDiff);
        VBox.setVgrow(revisionDiff, Priority.ALWAYS);
        // one above the other: the table needs the width for both runs side by side
        SplitPane split = new SplitPane(table, diffPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(summary, changes, split);
    }

    private TableColumn<RunCompareModel.Row, String> column(
            TableColumn<RunCompareModel.Row, String> parent,
            String title,
            Function<RunCompareModel.Row, String> value,
            double width) {
        TableColumn<RunCompareModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new Columns.TooltipCell<>());
        column.setPrefWidth(width);
        column.setSortable(false); // the order is the point: what changed comes first
        (parent == null ? table.getColumns() : parent.getColumns()).add(column);
        return column;
    }

    private void bind() {
        summary.textProperty().bind(model.summaryProperty());
        table.setItems(model.rows());
        model.revisionDiffProperty().addListener((observable, old, text) -> revisionDiff.show(text));
        model.changes().addListener((ListChangeListener<String>)
                change -> changes.setText(String.join("  ·  ", model.changes())));
    }

    public RunCompareModel model() {
        return model;
    }

    public TableView<RunCompareModel.Row> table() {
        return table;
    }

    public DiffLines revisionDiff() {
        return revisionDiff;
    }
}
