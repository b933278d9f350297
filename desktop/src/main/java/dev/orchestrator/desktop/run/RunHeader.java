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

/**
 * The run detail's first line: the pipeline, the run id, its state, the run that called it, and the run's actions.
 * At 1280×800 a long pipeline id gives way (an ellipsis, the whole of it in a tooltip), then the caller's link; the
 * run id, the state and the actions always keep their whole text.
 */
final class RunHeader extends HBox {

    private final Label pipeline = new Label("Run");
    private final Label runId = new Label();
    private final Label state = new Label();

    RunHeader(String id, Hyperlink caller, List<? extends Control> actions) {
        super(10);
        setAlignment(Pos.CENTER_LEFT);
        pipeline.getStyleClass().add("screen-title");
        pipeline.setId("run-pipeline");
        pipeline.setMinWidth(0);
        pipeline.setTooltip(new Tooltip());
        pipeline.getTooltip().textProperty().bind(pipeline.textProperty());
        runId.getStyleClass().add("screen-title");
        runId.setId("run-title");
        runId.setText(id);
        runId.setMinWidth(Region.USE_PREF_SIZE);
        state.getStyleClass().add("badge");
        state.setId("run-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        caller.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox title = new HBox(6, pipeline, runId);
        title.setAlignment(Pos.BASELINE_LEFT);
        title.setMinWidth(0);
        getChildren().addAll(title, state, caller, gap);
        for (Control action : actions) {
            action.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().add(action);
        }
    }

    void show(RunDto run) {
        pipeline.setText(run.pipelineId() + " ·");
        runId.setText(run.runId());
        state.setText(Format.state(run.status()));
        StateStyles.apply(state, run.status());
    }
}
