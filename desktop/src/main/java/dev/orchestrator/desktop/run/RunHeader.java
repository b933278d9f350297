package dev.orchestrator.desktop.run;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.StateStyles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The run detail's first lines: the pipeline as the title, its state, the run that called it and the run's actions;
 * below, the run's id and the summary of the run. At 1280×800 the run's id, the state and the actions keep their
 * whole text; so does a pipeline id of up to {@value #READABLE_TITLE} pixels (about 30 characters of the title's
 * type), a longer one giving way down to that width (an ellipsis, the whole of it in a tooltip); then the caller's
 * link gives way, and on the second line the summary (its whole text in a tooltip).
 */
final class RunHeader extends VBox {

    /** The width a pipeline id keeps whatever crowds it. */
    static final double READABLE_TITLE = 400;

    private final Label pipeline = new Label("Run") {
        @Override
        protected double computeMinWidth(double height) {
            return Math.min(computePrefWidth(height), READABLE_TITLE);
        }
    };
    private final Label runId = new Label();
    private final Label state = new Label();

    RunHeader(String id, Hyperlink caller, List<? extends Control> actions, Label summary) {
        super(4);
        pipeline.getStyleClass().add("screen-title");
        pipeline.setId("run-pipeline");
        pipeline.setTooltip(new Tooltip());
        pipeline.getTooltip().textProperty().bind(pipeline.textProperty());
        runId.getStyleClass().add("run-id-title");
        runId.setId("run-title");
        runId.setText(id);
        runId.setMinWidth(Region.USE_PREF_SIZE);
        state.getStyleClass().add("badge");
        state.setId("run-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        caller.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox title = new HBox(10, pipeline, state, caller, gap);
        title.setAlignment(Pos.CENTER_LEFT);
        for (Control action : actions) {
            action.setMinWidth(Region.USE_PREF_SIZE);
            title.getChildren().add(action);
        }
        summary.setMinWidth(0);
        summary.setTooltip(new Tooltip());
        summary.getTooltip().textProperty().bind(summary.textProperty());
        HBox facts = new HBox(10, runId, summary);
        facts.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(title, facts);
    }

    void show(RunDto run) {
        pipeline.setText(run.pipelineId());
        runId.setText(run.runId());
        state.setText(Format.state(run.status()));
        StateStyles.apply(state, run.status());
    }
}
