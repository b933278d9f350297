package dev.orchestrator.desktop.agents;

import dev.orchestrator.desktop.client.AgentInfo;
import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.Workspace;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.StateStyles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The agents the console talks to: health, version and uptime of each; add, edit, remove; start the local
 * agent when none runs. An agent that stops answering shows as stale, with why, until it answers again.
 */
public final class AgentsView extends VBox {

    private final Workspace workspace;
    private final AgentStarter starter;
    private final Consumer<String> report;
    private final TableView<AgentSession> table = new TableView<>();
    private final Button add = new Button("Add agent…");
    private final Button edit = new Button("Edit…");
    private final Button remove = new Button("Remove");
    private final Button startLocal = new Button("Start local agent…");

    public AgentsView(Workspace workspace, AgentStarter starter, Consumer<String> report) {
        this.workspace = workspace;
        this.starter = starter;
        this.report = report;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "agents");
        Label title = new Label("Agents");
        title.getStyleClass().add("screen-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, add, edit, remove, gap, startLocal);
        table.setId("agents-table");
        column("Name", session -> new ReadOnlyObjectWrapper<>(session.name()), 110);
        column("Address", session -> new ReadOnlyObjectWrapper<>(session.profile().url()), 190);
        TableColumn<AgentSession, String> health = column("State", session -> Bindings.createStringBinding(
                () -> label(session.healthProperty().get()), session.healthProperty()), 100);
        health.setCellFactory(column -> badgeCell());
        column("Version", session -> Bindings.createStringBinding(() -> Optional.ofNullable(session.infoProperty()
                .get()).map(AgentInfo::version).orElse("—"), session.infoProperty()), 110);
        column("Up for", session -> Bindings.createStringBinding(() -> Optional.ofNullable(session.infoProperty()
                .get()).map(info -> Format.duration(info.uptimeSeconds() * 1000)).orElse("—"),
                session.infoProperty()), 110);
        column("Last contact", session -> Bindings.createStringBinding(() -> Optional.ofNullable(
                session.updatedAtProperty().get()).map(at -> Format.time(at.atOffset(java.time.ZoneOffset.UTC),
                java.time.ZoneId.systemDefault(), java.time.LocalDate.now())).orElse("never"),
                session.updatedAtProperty()), 110);
        column("Problem", session -> Bindings.createStringBinding(() -> Optional.ofNullable(
                session.problemProperty().get()).orElse(""), session.problemProperty()), 420);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No agents yet: add one, or start the local agent"));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label help = new Label("The token of an agent is printed by `orchestrator token` on its machine. Tokens are "
                + "kept in " + workspaceFile() + ", readable only by you.");
        help.getStyleClass().add("muted");
        help.setWrapText(true);
        getChildren().addAll(title, toolbar, table, help);
    }

    private String workspaceFile() {
        return workspace.profilesFile().toString();
    }

    static String label(AgentHealth health) {
        return switch (health) {
            case ONLINE -> "online";
            case STALE -> "stale";
            case CONNECTING -> "connecting";
        };
    }

    private TableColumn<AgentSession, String> column(String title,
                                                     Function<AgentSession, ObservableValue<String>> value,
                                                     double width) {
        TableColumn<AgentSession, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    private static TableCell<AgentSession, String> badgeCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(state);
                badge.getStyleClass().add("badge");
                StateStyles.apply(badge, switch (state) {
                    case "online" -> "success";
                    case "stale" -> "stale";
                    default -> "pending";
                });
                setGraphic(badge);
            }
        };
    }

    private void bind() {
        table.setItems(workspace.sessions());
        var selected = table.getSelectionModel().selectedItemProperty();
        edit.disableProperty().bind(selected.isNull());
        remove.disableProperty().bind(selected.isNull());
        add.setOnAction(event -> ask(null).ifPresent(this::put));
        edit.setOnAction(event -> Optional.ofNullable(selected.get()).flatMap(session -> ask(session.profile()))
                .ifPresent(this::put));
        remove.setOnAction(event -> Optional.ofNullable(selected.get()).ifPresent(workspace::remove));
        startLocal.setOnAction(event -> startLocalAgent());
    }

    private void put(AgentProfile profile) {
        try {
            workspace.put(profile);
        } catch (RuntimeException e) {
            report.accept(e.getMessage());
        }
    }

    private Optional<AgentProfile> ask(AgentProfile current) {
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
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(name.textProperty().isEmpty()
                .or(url.textProperty().isEmpty()).or(token.textProperty().isEmpty()));
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new AgentProfile(name.getText().strip(), url.getText().strip(), token.getText().strip()) : null);
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        return dialog.showAndWait();
    }

    private void startLocalAgent() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The folder with your pipelines (*.yaml)");
        var directory = chooser.showDialog(getScene().getWindow());
        if (directory == null) {
            return;
        }
        try {
            starter.start(Path.of(directory.getPath()));
            report.accept("Starting the local agent on " + directory + "; it appears here within seconds");
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                    javafx.util.Duration.seconds(4));
            wait.setOnFinished(done -> workspace.localAgent().find().ifPresentOrElse(this::put,
                    () -> report.accept("The local agent did not start; see its log in "
                            + workspace.localAgent().home().resolve("logs"))));
            wait.play();
        } catch (java.io.IOException e) {
            report.accept(e.getMessage());
        }
    }
}
