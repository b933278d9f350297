package dev.orchestrator.desktop.agents;

import dev.orchestrator.desktop.client.AgentInfo;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.ui.StateStyles;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The agents the console talks to: health, version and uptime of each; add, edit, remove; start the local
 * agent when none runs. An agent that stops answering shows as stale, with why, until it answers again.
 */
public final class AgentsView extends VBox {

    private final AgentsModel model;
    private final TableView<AgentSession> table = new TableView<>();
    private final Button add = new Button("Add agent…");
    private final Button edit = new Button("Edit…");
    private final Button remove = new Button("Remove");
    private final Button startLocal = new Button("Start local agent…");

    public AgentsView(AgentsModel model) {
        this.model = model;
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
        column(
                "Address",
                session -> new ReadOnlyObjectWrapper<>(session.profile().url()),
                190);
        TableColumn<AgentSession, String> health = column(
                "State",
                session -> Bindings.createStringBinding(
                        () -> AgentsModel.label(session.healthProperty().get()), session.healthProperty()),
                100);
        health.setCellFactory(column -> badgeCell());
        column(
                "Version",
                session -> Bindings.createStringBinding(
                        () -> Optional.ofNullable(session.infoProperty().get())
                                .map(AgentInfo::version)
                                .orElse("—"),
                        session.infoProperty()),
                110);
        column(
                "Up for",
                session -> Bindings.createStringBinding(
                        () -> Optional.ofNullable(session.infoProperty().get())
                                .map(info -> Format.duration(info.uptimeSeconds() * 1000))
                                .orElse("—"),
                        session.infoProperty()),
                110);
        column(
                "Seen", // when it last answered: a short heading, read whole in its column
                session -> Bindings.createStringBinding(
                        () -> Optional.ofNullable(session.updatedAtProperty().get())
                                .map(at -> Format.time(
                                        at.atOffset(java.time.ZoneOffset.UTC),
                                        java.time.ZoneId.systemDefault(),
                                        java.time.LocalDate.now(java.time.ZoneId.systemDefault())))
                                .orElse("never"),
                        session.updatedAtProperty()),
                110);
        column(
                "Problem",
                session -> Bindings.createStringBinding(
                        () -> Optional.ofNullable(session.problemProperty().get())
                                .orElse(""),
                        session.problemProperty()),
                420);
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
        return model.profilesFile().toString();
    }

    private TableColumn<AgentSession, String> column(
            String title, Function<AgentSession, ObservableValue<String>> value, double width) {
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
                StateStyles.apply(
                        badge,
                        switch (state) {
                            case "online" -> "success";
                            case "stale" -> "stale";
                            default -> "pending";
                        });
                setGraphic(badge);
            }
        };
    }

    private void bind() {
        table.setItems(model.sessions());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (observable, old, session) -> model.selectedProperty().set(session));
        edit.disableProperty().bind(model.selectedProperty().isNull());
        remove.disableProperty().bind(model.selectedProperty().isNull());
        add.setOnAction(event -> model.add());
        edit.setOnAction(event -> model.edit());
        remove.setOnAction(event -> model.remove());
        startLocal.setOnAction(event -> model.startLocal());
    }
}
