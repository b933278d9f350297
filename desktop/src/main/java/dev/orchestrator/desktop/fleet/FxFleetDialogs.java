package dev.orchestrator.desktop.fleet;

import dev.orchestrator.diagnostic.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The fleet screen's confirmations, modal over the console's window. */
public final class FxFleetDialogs implements FleetDialogs {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to, null before it is shown */
    public FxFleetDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirmCopy(CopyPreview preview) {
        String target = preview.target().agent();
        ButtonType copy = new ButtonType("Copy to " + target, ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.CANCEL, copy);
        ask.setTitle("Copy " + preview.pipelineId() + " to " + target);
        ask.setHeaderText("Copy the version of " + preview.pipelineId() + " held by "
                + preview.from().agents() + " to " + target + "?");
        long errors = preview.verdict().errorCount();
        long warnings = preview.verdict().diagnostics().size() - errors;
        Label verdict = new Label(
                preview.allowed()
                        ? "Valid on " + target + " (its connectors and plugins)"
                                + (warnings == 0 ? ": no problems" : ", with " + warnings + " warnings")
                        : "Not valid on " + target + ": " + errors + (errors == 1 ? " error" : " errors")
                                + "; it cannot be copied as it is");
        verdict.setId("copy-verdict");
        verdict.getStyleClass().add(preview.allowed() ? "state-success" : "error-text");
        Label what = new Label("It replaces " + preview.target().file() + " on " + target + " ("
                + preview.changedLines() + " lines differ), through " + target + "'s conflict-checked save: refused "
                + "if the file changed there since drift was checked.");
        what.setWrapText(true);
        VBox content = new VBox(8, verdict, what);
        if (!preview.verdict().diagnostics().isEmpty()) {
            ListView<String> problems = new ListView<>();
            problems.setId("copy-diagnostics");
            problems.getStyleClass().add("stack-trace");
            problems.getItems()
                    .setAll(preview.verdict().diagnostics().stream()
                            .map(Diagnostic::toLine)
                            .toList());
            problems.setPrefHeight(140);
            content.getChildren().add(problems);
        }
        content.setPrefWidth(620);
        ask.getDialogPane().setContent(content);
        ask.getDialogPane().lookupButton(copy).setDisable(!preview.allowed());
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(copy::equals).isPresent();
    }

    @Override
    public boolean confirmAction(FleetAction action, String label, List<FleetTarget> targets) {
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        targets.forEach(target -> byAgent.computeIfAbsent(target.agent(), agent -> new java.util.ArrayList<>())
                .add(target.pipelineId()));
        String pipelines = targets.size() + (targets.size() == 1 ? " pipeline" : " pipelines");
        ButtonType go = new ButtonType(action.verb() + " " + pipelines, ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, null, ButtonType.CANCEL, go);
        ask.setTitle(action.verb() + " pipelines labelled " + label);
        ask.setHeaderText(action.verb() + " " + pipelines + " labelled " + label + " on " + byAgent.size()
                + (byAgent.size() == 1 ? " agent?" : " agents?"));
        ListView<String> plan = new ListView<>();
        plan.setId("fleet-plan");
        byAgent.forEach((agent, ids) -> plan.getItems().add(agent + ": " + String.join(", ", ids)));
        plan.setPrefHeight(Math.min(240, 28 * byAgent.size() + 8));
        Label note = new Label("Each agent is asked on its own: one that does not answer does not stop the others.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        VBox content = new VBox(8, plan, note);
        content.setPrefWidth(520);
        ask.getDialogPane().setContent(content);
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(go::equals).isPresent();
    }
}
