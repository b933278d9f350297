package dev.orchestrator.desktop.approvals;

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
        column("Message", row -> row.approval().message(), 320);
        column("Pipeline", row -> row.approval().pipelineId(), 160);
        column("Run", row -> row.approval().runId(), 210);
        column("Task", row -> row.approval().taskId(), 120);
        column("Waited", model::waited, 90);
        column("Agent", ApprovalsModel.Row::agent, 80);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
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

    private void column(String title, Function<ApprovalsModel.Row, String> value, double width) {
        TableColumn<ApprovalsModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        table.getColumns().add(column);
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
