package dev.orchestrator.desktop.runs;

import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.AgentsDown;
import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The runs screen: the {@link RunsModel}'s rows in a table with a filter field; a double-click opens one; several
 * selected (Shift or Ctrl and a click) are cancelled or retried together.
 */
public final class RunsView extends VBox {

    private final RunsModel model;
    private final Clock clock;
    private final TableView<RunsModel.Row> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Button cancelSelected = new Button("Cancel selected…");
    private final Button retrySelected = new Button("Retry selected…");
    private final Label selectedCount = new Label();

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
        // at 1280 x 800 the run id is read whole; the pipeline and the reason share the width the rest leaves, and
        // keep their whole text in a tooltip; the agent's column shows only when more than one agent is connected
        TableColumn<RunsModel.Row, String> run = column("Run", row -> row.run().runId());
        TableColumn<RunsModel.Row, String> pipeline =
                column("Pipeline", row -> row.run().pipelineId());
        TableColumn<RunsModel.Row, String> state =
                column("State", row -> row.run().status());
        state.setCellFactory(column -> new StateBadgeCell<>());
        TableColumn<RunsModel.Row, String> trigger =
                column("Trigger", row -> row.run().trigger());
        TableColumn<RunsModel.Row, String> created = column(
                Format.inZone("Created", zone), row -> Format.time(row.run().createdAt(), zone, LocalDate.now(clock)));
        TableColumn<RunsModel.Row, String> duration = column(
                "Duration",
                row -> row.run().startedAt() == null || row.run().finishedAt() == null
                        ? "—"
                        : Format.duration(Duration.between(
                                        row.run().startedAt(), row.run().finishedAt())
                                .toMillis()));
        TableColumn<RunsModel.Row, String> agent = column("Agent", RunsModel.Row::shownAgent);
        agent.visibleProperty().bind(Bindings.size(model.sessions()).greaterThan(1));
        TableColumn<RunsModel.Row, String> reason = column(
                "Reason", row -> row.run().reason() == null ? "" : row.run().reason());
        Columns.fixed(run, 300); // the widest run id (digits, b, d) with the cell's padding: 290 cut some
        Columns.fixed(state, 96);
        Columns.fixed(trigger, 80);
        Columns.fixed(created, 170);
        Columns.fixed(duration, 86);
        Columns.fixed(agent, 90);
        reason.setPrefWidth(200);
        Columns.fill(table, pipeline, 170);
        table.setPlaceholder(new Label("No runs yet"));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        cancelSelected.setId("cancel-selected");
        retrySelected.setId("retry-selected");
        selectedCount.setId("selected-count");
        selectedCount.getStyleClass().add("muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, filter, gap, selectedCount, cancelSelected, retrySelected);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, toolbar, table);
    }

    private TableColumn<RunsModel.Row, String> column(String title, Function<RunsModel.Row, String> value) {
        TableColumn<RunsModel.Row, String> column = Columns.text(title, value);
        table.getColumns().add(column);
        return column;
    }

    private void bind() {
        table.setItems(model.shown());
        filter.textProperty().bindBidirectional(model.filterProperty());
        RowActivation.install(table, model::open, AgentsDown.of(table, model.sessions(), RunsModel.Row::agent));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunsModel.Row>)
                change -> model.select(table.getSelectionModel().getSelectedItems().stream()
                        .filter(Objects::nonNull)
                        .toList()));
        // the rows were replaced (new data), and the table dropped its selection: select the same runs again
        model.shown().addListener((ListChangeListener<RunsModel.Row>) change -> {
            for (int index = 0; index < model.shown().size(); index++) {
                if (model.isSelected(model.shown().get(index))
                        && !table.getSelectionModel().isSelected(index)) {
                    table.getSelectionModel().select(index);
                }
            }
        });
        selectedCount
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.selection().size() < 2
                                ? ""
                                : model.selection().size() + " selected",
                        model.selection()));
        cancelSelected.disableProperty().bind(Bindings.isEmpty(model.selection()));
        retrySelected.disableProperty().bind(Bindings.isEmpty(model.selection()));
        cancelSelected.setOnAction(event -> model.cancelSelected());
        retrySelected.setOnAction(event -> model.retrySelected());
    }
}
