package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.PipelineRevisionDto;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The trigger, backfill and restore dialogs, modal over the console's window. */
public final class FxPipelineDialogs implements PipelineDialogs {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to, null before it is shown */
    public FxPipelineDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Map<String, Object>> askParameters(PipelinesModel.Item item) {
        Dialog<Map<String, Object>> dialog = new Dialog<>();
        dialog.setTitle("Trigger " + item.pipeline().id());
        dialog.setHeaderText("Start a run of " + item.pipeline().id() + " on " + item.agent() + " now");
        TriggerFormModel form = new TriggerFormModel(item.pipeline().parameters());
        VBox content = new VBox(8, new Label("Parameters (* required)"), new TriggerForm(form));
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button run = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        run.setText("Trigger");
        run.disableProperty().bind(form.validProperty().not());
        dialog.setResultConverter(button -> button == ButtonType.OK ? form.values() : null);
        dialog.initOwner(owner.get());
        return dialog.showAndWait();
    }

    @Override
    public Optional<Days> askBackfillDays(PipelinesModel.Item item, LocalDate first, LocalDate last) {
        Dialog<Days> dialog = new Dialog<>();
        dialog.setTitle("Backfill " + item.pipeline().id());
        dialog.setHeaderText("One run per scheduled time, from the first day to the last (both included)");
        DatePicker from = new DatePicker(first);
        DatePicker to = new DatePicker(last);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("From"), from);
        form.addRow(1, new Label("To"), to);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK ? new Days(from.getValue(), to.getValue()) : null);
        dialog.initOwner(owner.get());
        return dialog.showAndWait();
    }

    @Override
    public boolean confirmRestore(String pipelineId, PipelineRevisionDto revision, String diff) {
        ButtonType restore = new ButtonType("Restore this version", ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(
                Alert.AlertType.CONFIRMATION,
                "Its text replaces the pipeline's file (" + revision.file() + "); the agent checks it and runs it from "
                        + "now on. The version it replaces stays in the history. Refused if the file changed since "
                        + "the history was read.",
                ButtonType.CANCEL,
                restore);
        ask.setTitle("Restore " + pipelineId);
        ask.setHeaderText("Restore revision " + revision.revision() + " of " + pipelineId + "?");
        if (diff != null && !diff.isBlank()) {
            TextArea changes = new TextArea(diff);
            changes.setEditable(false);
            changes.getStyleClass().add("stack-trace");
            changes.setPrefRowCount(12);
            ask.getDialogPane()
                    .setExpandableContent(new VBox(6, new Label("From it to the current version:"), changes));
        }
        ask.initOwner(owner.get());
        return ask.showAndWait().filter(restore::equals).isPresent();
    }
}
