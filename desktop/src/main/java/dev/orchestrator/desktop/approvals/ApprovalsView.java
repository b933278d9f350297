package dev.orchestrator.desktop.approvals;

import dev.orchestrator.desktop.ui.Columns;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The approvals inbox: the {@link ApprovalsModel}'s rows in a table; Approve / Reject act on the selected one. */
public final class ApprovalsView extends VBox {

    /** "999 h 59 min" (Format.duration of some six weeks) whole, with the cell's padding. */
    private static final double WAITED_WIDTH = 110;

    private final ApprovalsModel model;
    private final TableView<ApprovalsModel.Row> table = new TableView<>();
    private final TextField comment = new TextField();
    private final Button approve = new Button("Approve");
    private final Button reject = new Button("Reject");

    public ApprovalsView(ApprovalsModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "approvals");
        Label title = new Label("Approvals");
        title.getStyleClass().add("screen-title");
        table.setId("approvals-table");
        // at 1280 x 800 every column is read whole: the message, the question the approver answers, wrapped over its
        // lines, takes the width left, the widest column; where the task waits (its pipeline and task, over its run
        // id) shares one column of a run id's width, as three columns of their own (a run id's 330 px among them) left
        // the message about 320 px, cut after a few words. Waited is wide enough for hundreds of hours. The agent's
        // column shows only when more than one agent is connected.
        var message = Columns.wrapping(column("Message", row -> row.approval().message(), 420));
        Columns.fixed(
                Columns.wrapping(column("Pipeline / task / run", ApprovalsView::where, Columns.RUN_ID_WIDTH)),
                Columns.RUN_ID_WIDTH);
        Columns.fixed(column("Waited", model::waited, WAITED_WIDTH), WAITED_WIDTH);
        var agent = column("Agent", ApprovalsModel.Row::agent, 90);
        Columns.fixed(agent, 90);
        agent.visibleProperty()
                .bind(javafx.beans.binding.Bindings.size(model.sessions()).greaterThan(1));
        Columns.fill(table, message, 200);
        table.setPlaceholder(new Label("No task is waiting for approval"));
        VBox.setVgrow(table, Priority.ALWAYS);
        comment.setId("approval-comment");
        comment.setPromptText("Comment (recorded with the decision)");
        HBox.setHgrow(comment, Priority.ALWAYS);
        approve.setId("approve");
        approve.getStyleClass().add("success");
        reject.setId("reject");
        reject.getStyleClass().add("danger");
        getChildren().addAll(title, table, new HBox(8, comment, approve, reject));
    }

    /** Where the task waits: its pipeline and task, its run id below. */
    private static String where(ApprovalsModel.Row row) {
        return row.approval().pipelineId() + " / " + row.approval().taskId() + "\n"
                + row.approval().runId();
    }

    private TableColumn<ApprovalsModel.Row, String> column(
            String title, Function<ApprovalsModel.Row, String> value, double width) {
        TableColumn<ApprovalsModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new Columns.TooltipCell<>());
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    private void bind() {
        table.setItems(model.rows());
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        comment.textProperty().bindBidirectional(model.commentProperty());
        approve.disableProperty().bind(model.selectedProperty().isNull());
        reject.disableProperty().bind(model.selectedProperty().isNull());
        approve.setOnAction(event -> model.approve());
        reject.setOnAction(event -> model.reject());
    }
}
