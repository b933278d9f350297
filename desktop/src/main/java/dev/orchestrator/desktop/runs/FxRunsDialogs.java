package dev.orchestrator.desktop.runs;

import dev.orchestrator.api.BulkRunDto;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The confirmation of a bulk cancel or retry, modal over the console's window: the count, and each run. */
public final class FxRunsDialogs implements RunsDialogs {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to, null before it is shown */
    public FxRunsDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirmBulk(String action, List<BulkRunDto> planned, List<BulkRunDto> skipped) {
        String verb = RunsModel.verb(action);
        String count = planned.size() + (planned.size() == 1 ? " run" : " runs");
        ButtonType act = new ButtonType(verb + " " + count, ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Do nothing", ButtonBar.ButtonData.CANCEL_CLOSE);
        TextArea runs = new TextArea(planned.stream()
                        .map(run -> run.runId() + "  " + run.pipelineId() + "  " + run.status())
                        .collect(Collectors.joining("\n"))
                + (skipped.isEmpty()
                        ? ""
                        : "\n\nLeft alone:\n"
                                + skipped.stream()
                                        .map(run -> run.runId() + "  " + run.reason())
                                        .collect(Collectors.joining("\n"))));
        runs.setEditable(false);
        runs.getStyleClass().add("stack-trace");
        runs.setPrefRowCount(Math.min(12, planned.size() + (skipped.isEmpty() ? 0 : skipped.size() + 2)));
        String what = "retry".equals(action)
                ? "Each starts again as a new run, from its failed tasks."
                : "Their running tasks are stopped, and their tasks not started yet will not run.";
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", keep, act);
        ask.getDialogPane().setContent(new VBox(8, new Label(what), runs));
        ask.setTitle(verb + " runs");
        ask.setHeaderText(verb + " " + count + "?"
                + (skipped.isEmpty() ? "" : " (" + skipped.size() + " of the selected would be left alone)"));
        ask.getDialogPane().setPrefWidth(680); // a run id, its pipeline and state on one line
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(act::equals).isPresent();
    }
}
