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
        // at 1280 x 800 the run id and the pipeline are read whole; the message takes the width left (whole in its
        // tooltip); the agent's column shows only when more than one agent is connected
        var message = column("Message", row -> row.approval().message(), 320);
        Columns.fixed(column("Pipeline", row -> row.approval().pipelineId(), 180), 180);
        Columns.fixed(column("Run", row -> row.approval().runId(), 300), 300); // the widest run id whole
        Columns.fixed(column("Task", row -> row.approval().taskId(), 130), 130);
        Columns.fixed(column("Waited", model::waited, 90), 90);
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
