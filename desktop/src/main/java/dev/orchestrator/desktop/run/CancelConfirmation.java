package dev.orchestrator.desktop.run;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** Asks before a run is cancelled, with the words of what happens to its tasks. */
final class CancelConfirmation {

    private CancelConfirmation() {}

    /** True when the operator chose to cancel the run; {@code owner} places the dialog over its window. */
    static boolean ask(Node owner, String runId) {
        ButtonType stop = new ButtonType("Cancel run", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep running", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(
                Alert.AlertType.CONFIRMATION,
                "Its running tasks are stopped, and its tasks not started yet will not run.",
                keep,
                stop);
        ask.setTitle("Cancel run");
        ask.setHeaderText("Cancel run " + runId + "?");
        ask.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        return ask.showAndWait().filter(stop::equals).isPresent();
    }
}
