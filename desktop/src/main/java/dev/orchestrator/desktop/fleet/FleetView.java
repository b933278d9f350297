package dev.orchestrator.desktop.fleet;

import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The fleet screen: drift between the connected agents' pipelines above ({@link DriftView}), actions on the pipelines
 * carrying a label across every agent below ({@link FleetActionsView}).
 */
public final class FleetView extends VBox {

    private final DriftView drift;
    private final FleetActionsView actions;

    public FleetView(DriftModel drift, FleetActionsModel actions) {
        this.drift = new DriftView(drift);
        this.actions = new FleetActionsView(actions);
        createView();
    }

    private void createView() {
        getStyleClass().addAll("screen", "fleet");
        setId("fleet");
        // said in a tooltip, not a line: at 1280 × 800 with the stale banner up, the action results need the height
        Tooltip.install(
                this,
                new Tooltip("Agents of one cluster share a history and count as one; the others are compared and "
                        + "acted on each for itself."));
        SplitPane split = new SplitPane(drift, actions);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68); // the diff needs the rows; the actions list a few agents
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().add(split);
    }
}
