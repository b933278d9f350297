package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The actions half of the fleet screen ({@link FleetActionsModel}): a label, the pipelines carrying it on every
 * agent, pause / resume / trigger on all of them, and what each agent did.
 */
public final class FleetActionsView extends VBox {

    private final FleetActionsModel model;
    private final ComboBox<String> label = new ComboBox<>();
    private final Button pause = new Button("Pause…");
    private final Button resume = new Button("Resume…");
    private final Button trigger = new Button("Trigger…");
    private final TableView<FleetTarget> targets = new TableView<>();
    private final Label summary = new Label();
    private final TableView<FleetOutcome> outcomes = new TableView<>();

    public FleetActionsView(FleetActionsModel model) {
        this.model = model;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().add("fleet-actions");
        setSpacing(8);
        Label title = new Label("Fleet actions");
        title.getStyleClass().add("section-title");
        Label by = new Label("Pipelines labelled");
        label.setId("fleet-label");
        label.setPromptText("choose a label");
        label.setPrefWidth(180);
        pause.setId("fleet-pause");
        resume.setId("fleet-resume");
        trigger.setId("fleet-trigger");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, by, label, gap, pause, resume, trigger);
        toolbar.getChildren().forEach(node -> {
            if (node instanceof Region region && node != gap) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        toolbar.setAlignment(Pos.CENTER_LEFT);

        targets.setId("fleet-targets");
        targets.getStyleClass().add("dense");
        column(targets, "Agent", FleetTarget::agent, 110);
        column(targets, "Pipeline", FleetTarget::pipelineId, 150);
        column(targets, "State", FleetTarget::status, 90).setCellFactory(cells -> new StateBadgeCell<>());
        targets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        targets.setPlaceholder(new Label("Choose a label to list the pipelines carrying it on every agent"));

        summary.setId("fleet-summary");
        summary.getStyleClass().add("muted");
        outcomes.setId("fleet-results");
        outcomes.getStyleClass().add("dense");
        column(outcomes, "Agent", FleetOutcome::agent, 100);
        column(outcomes, "Pipeline", FleetOutcome::pipelineId, 120);
        column(outcomes, "Result", FleetOutcome::message, 260).setCellFactory(cells -> new ResultCell());
        outcomes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        outcomes.setPlaceholder(new Label("What each agent did shows here"));
        VBox.setVgrow(outcomes, Priority.ALWAYS);
        VBox results = new VBox(4, summary, outcomes);

        SplitPane split = new SplitPane(targets, results);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, split);
    }

    private static <T> TableColumn<T, String> column(
            TableView<T> table, String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    /** A result in the theme's success colour when done, its danger colour when not. */
    private static final class ResultCell extends TableCell<FleetOutcome, String> {
        @Override
        protected void updateItem(String message, boolean empty) {
            super.updateItem(message, empty);
            getStyleClass().removeAll("state-success", "error-text");
            FleetOutcome outcome = empty ? null : getTableRow().getItem();
            setText(outcome == null ? null : message);
            if (outcome != null) {
                getStyleClass().add(outcome.done() ? "state-success" : "error-text");
            }
        }
    }

    private void bind() {
        label.setItems(model.labels());
        label.valueProperty().bindBidirectional(model.labelProperty());
        targets.setItems(model.targets());
        outcomes.setItems(model.outcomes());
        summary.textProperty().bind(model.summaryProperty());
        BooleanBinding idle = Bindings.isEmpty(model.targets()).or(model.runningProperty());
        for (Button button : java.util.List.of(pause, resume, trigger)) {
            button.disableProperty().bind(idle);
        }
        pause.setOnAction(event -> model.apply(FleetAction.PAUSE));
        resume.setOnAction(event -> model.apply(FleetAction.RESUME));
        trigger.setOnAction(event -> model.apply(FleetAction.TRIGGER));
    }
}
