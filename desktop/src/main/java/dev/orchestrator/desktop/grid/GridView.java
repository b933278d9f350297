package dev.orchestrator.desktop.grid;

import dev.orchestrator.desktop.graph.DagPalette;
import dev.orchestrator.desktop.graph.NodeState;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The run grid screen: a pipeline chooser, the number of runs (25 to 200), a legend of the state colours, and the
 * {@link GridCanvas}. Binds to a {@link GridModel}; a click on a cell asks the model to open that task in that run.
 */
public final class GridView extends VBox {

    private static final List<NodeState> LEGEND = List.of(
            NodeState.SUCCESS,
            NodeState.FAILED,
            NodeState.UPSTREAM_FAILED,
            NodeState.RUNNING,
            NodeState.RETRYING,
            NodeState.SKIPPED,
            NodeState.CANCELLED,
            NodeState.PENDING);

    private final GridModel model;
    private final ObservableBooleanValue dark;
    private final ComboBox<GridModel.Choice> pipeline = new ComboBox<>();
    private final ChoiceBox<Integer> runs = new ChoiceBox<>();
    private final Button reload = new Button("Reload");
    private final Label status = new Label();
    private final HBox legend = new HBox(10);
    private final GridCanvas grid = new GridCanvas();

    /** @param dark whether the console shows its dark theme */
    public GridView(GridModel model, ObservableBooleanValue dark) {
        this.model = model;
        this.dark = dark;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "grid");
        Label title = new Label("Grid");
        title.getStyleClass().add("screen-title");
        pipeline.setId("grid-pipeline");
        pipeline.setPromptText("Choose a pipeline");
        pipeline.setPrefWidth(320);
        runs.setId("grid-runs");
        runs.getItems().setAll(GridModel.RUN_COUNTS);
        reload.setId("grid-reload");
        status.setId("grid-status");
        grid.setId("grid-canvas");
        legend.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(
                8, new Label("Pipeline"), pipeline, new Label("Last"), runs, new Label("runs"), reload, gap, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(title, bar, legend, grid);
    }

    private void bind() {
        pipeline.setItems(model.choices());
        pipeline.valueProperty().bindBidirectional(model.pipelineProperty());
        runs.setValue(model.runsProperty().get());
        runs.valueProperty().addListener((observable, old, count) -> {
            if (count != null) {
                model.runsProperty().set(count);
            }
        });
        model.runsProperty().addListener((observable, old, count) -> runs.setValue(count.intValue()));
        reload.setOnAction(event -> model.reload());
        reload.disableProperty().bind(model.loadingProperty());
        grid.setOnOpen(model::open);
        model.matrixProperty().addListener((observable, old, matrix) -> {
            grid.setMatrix(matrix);
            showStatus();
        });
        model.problemProperty().addListener(observable -> showStatus());
        model.loadingProperty().addListener(observable -> showStatus());
        grid.setMatrix(model.matrixProperty().get());
        dark.addListener((observable, old, isDark) -> setDark(isDark));
        setDark(dark.get());
        showStatus();
    }

    private void setDark(boolean isDark) {
        grid.setDark(isDark);
        DagPalette palette = isDark ? DagPalette.dark() : DagPalette.light();
        legend.getChildren().clear();
        for (NodeState state : LEGEND) {
            Rectangle swatch = new Rectangle(12, 12, palette.look(state).fill());
            swatch.setStroke(palette.look(state).border());
            Label label = new Label(state.apiName().replace('_', ' '), swatch);
            label.getStyleClass().add("text-muted");
            legend.getChildren().add(label);
        }
    }

    private void showStatus() {
        GridMatrix matrix = model.matrixProperty().get();
        String problem = model.problemProperty().get();
        status.getStyleClass().remove("error-text");
        if (problem != null) {
            status.getStyleClass().add("error-text");
            status.setText(problem);
        } else if (model.loadingProperty().get() && matrix.rowCount() < matrix.totalTasks()) {
            status.setText("Reading " + matrix.rowCount() + " of " + matrix.totalTasks() + " tasks…");
        } else if (model.loadingProperty().get() && matrix == GridMatrix.EMPTY) {
            status.setText("Reading…");
        } else {
            status.setText(matrix.totalTasks() + " tasks × " + matrix.columnCount() + " runs");
        }
    }

    public GridCanvas grid() {
        return grid;
    }

    public GridModel model() {
        return model;
    }
}
