package dev.orchestrator.desktop.agents;

import dev.orchestrator.desktop.client.AgentProfile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** The agent form and the folder chooser, modal over the console's window. */
public final class FxAgentDialogs implements AgentDialogs {

    private final Supplier<Window> owner;

    /** @param owner the window the dialogs belong to, null before it is shown */
    public FxAgentDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<AgentProfile> askProfile(AgentProfile current) {
        Dialog<AgentProfile> dialog = new Dialog<>();
        dialog.setTitle(current == null ? "Add an agent" : "Edit " + current.name());
        TextField name = new TextField(current == null ? "" : current.name());
        TextField url = new TextField(current == null ? "http://127.0.0.1:8765" : current.url());
        PasswordField token = new PasswordField();
        token.setText(current == null ? "" : current.token());
        name.setId("agent-name");
        url.setId("agent-url");
        token.setId("agent-token");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.setPadding(new Insets(8));
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Address"), url);
        form.addRow(2, new Label("Token"), token);
        url.setPrefColumnCount(28);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane()
                .lookupButton(ButtonType.OK)
                .disableProperty()
                .bind(name.textProperty()
                        .isEmpty()
                        .or(url.textProperty().isEmpty())
                        .or(token.textProperty().isEmpty()));
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new AgentProfile(
                        name.getText().strip(),
                        url.getText().strip(),
                        token.getText().strip())
                : null);
        dialog.initOwner(owner.get());
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> askPipelinesFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The folder with your pipelines (*.yaml)");
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(directory -> Path.of(directory.getPath()));
    }
}
