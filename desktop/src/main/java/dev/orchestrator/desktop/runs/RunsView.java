package dev.orchestrator.desktop.runs;

import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.AgentsDown;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The runs screen: the {@link RunsModel}'s rows in a table with a filter field; a double-click opens one. */
public final class RunsView extends VBox {

    private final RunsModel model;
    private final Clock clock;
    private final TableView<RunsModel.Row> table = new TableView<>();
    private final TextField filter = new TextField();

    public RunsView(RunsModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "runs");
        Label title = new Label("Runs");
        title.getStyleClass().add("screen-title");
        filter.setPromptText("Filter by pipeline, state, run id, trigger, agent");
        filter.setPrefColumnCount(30);
        table.setId("runs-table");
        var zone = clock.getZone();
        column("Run", row -> row.run().runId(), 210);
        column("Pipeline", row -> row.run().pipelineId(), 170);
        TableColumn<RunsModel.Row, String> state =
                column("State", row -> row.run().status(), 100);
        state.setCellFactory(column -> new StateBadgeCell<>());
        column("Trigger", row -> row.run().trigger(), 80);
        column(
                Format.inZone("Created", zone),
                row -> Format.time(row.run().createdAt(), zone, LocalDate.now(clock)),
                150);
        column(
                "Duration",
                row -> row.run().startedAt() == null || row.run().finishedAt() == null
                        ? "—"
                        : Format.duration(Duration.between(
                                        row.run().startedAt(), row.run().finishedAt())
                                .toMillis()),
                90);
        column("Agent", RunsModel.Row::shownAgent, 80);
        column("Reason", row -> row.run().reason() == null ? "" : row.run().reason(), 300);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No runs yet"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, new HBox(8, filter), table);
    }

    private TableColumn<RunsModel.Row, String> column(
            String title, Function<RunsModel.Row, String> value, double width) {
        TableColumn<RunsModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    private void bind() {
        table.setItems(model.shown());
        filter.textProperty().bindBidirectional(model.filterProperty());
        RowActivation.install(table, model::open, AgentsDown.of(table, model.sessions(), RunsModel.Row::agent));
    }
}
