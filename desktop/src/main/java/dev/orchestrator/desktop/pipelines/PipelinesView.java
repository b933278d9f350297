package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import dev.orchestrator.desktop.ui.StateStyles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Every pipeline: schedule in words, next and last run, paused or active; trigger, pause, resume, backfill. */
public final class PipelinesView extends VBox {

    private final PipelinesModel model;
    private final Clock clock;
    private final Consumer<RunRef> openRun;
    private final Consumer<String> report;
    private final TableView<PipelinesModel.Item> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Button trigger = new Button("Trigger…");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button backfill = new Button("Backfill…");
    private final Button openLast = new Button("Open last run");

    /** @param report shows what went wrong, in the window's status bar */
    public PipelinesView(PipelinesModel model, Clock clock, Consumer<RunRef> openRun, Consumer<String> report) {
        this.model = model;
        this.clock = clock;
        this.openRun = openRun;
        this.report = report;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "pipelines");
        Label title = new Label("Pipelines");
        title.getStyleClass().add("screen-title");
        filter.setPromptText("Filter by id, name, label, schedule, agent");
        filter.setPrefColumnCount(28);
        filter.setId("pipeline-filter");
        trigger.setId("trigger");
        pause.setId("pause");
        resume.setId("resume");
        backfill.setId("backfill");
        trigger.setTooltip(new Tooltip("Start a run now, with parameters (Ctrl+T)"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, filter, gap, trigger, pause, resume, backfill, openLast);

        table.setId("pipelines-table");
        var zone = clock.getZone();
        TableColumn<PipelinesModel.Item, String> id = column("Pipeline", item -> item.pipeline().id(), 190);
        column("Name", item -> item.pipeline().name(), 170);
        column("Schedule", item -> Format.schedule(item.pipeline().schedule()), 190);
        TableColumn<PipelinesModel.Item, OffsetDateTime> next = new TableColumn<>("Next run");
        next.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().pipeline().nextRun()));
        next.setCellFactory(column -> timeCell());
        next.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        next.setPrefWidth(120);
        table.getColumns().add(next);
        TableColumn<PipelinesModel.Item, String> last = column("Last run", PipelinesModel.Item::lastState, 110);
        last.setCellFactory(column -> new StateBadgeCell<>());
        TableColumn<PipelinesModel.Item, String> status = column("Status", item -> item.pipeline().status(), 90);
        status.setCellFactory(column -> new StateBadgeCell<>());
        column("Labels", item -> String.join(", ", item.pipeline().labels()), 130);
        column("Agent", PipelinesModel.Item::agent, 90);
        table.getSortOrder().add(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No pipelines: connect an agent on the Agents screen"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, toolbar, table);
    }

    private TableColumn<PipelinesModel.Item, String> column(String title, Function<PipelinesModel.Item, String> value,
                                                           double width) {
        TableColumn<PipelinesModel.Item, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    private TableCell<PipelinesModel.Item, OffsetDateTime> timeCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(OffsetDateTime time, boolean empty) {
                super.updateItem(time, empty);
                setText(empty ? null : Format.time(time, clock.getZone(), LocalDate.now(clock)));
            }
        };
    }


    private void bind() {
        filter.textProperty().bindBidirectional(model.filterProperty());
        SortedList<PipelinesModel.Item> sorted = new SortedList<>(model.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // the list is rebuilt when an agent's data arrives: keep the user's selection across it
        String[] chosen = new String[1];
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            if (item != null) {
                chosen[0] = item.agent() + "/" + item.pipeline().id();
            }
        });
        sorted.addListener((javafx.collections.ListChangeListener<PipelinesModel.Item>) change -> {
            if (table.getSelectionModel().getSelectedItem() == null && chosen[0] != null) {
                sorted.stream().filter(item -> chosen[0].equals(item.agent() + "/" + item.pipeline().id()))
                        .findFirst().ifPresent(item -> table.getSelectionModel().select(item));
            }
        });
        var selected = table.getSelectionModel().selectedItemProperty();
        trigger.disableProperty().bind(selected.isNull());
        backfill.disableProperty().bind(selected.isNull());
        pause.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().pipeline().paused(), selected));
        resume.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().pipeline().paused(), selected));
        openLast.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().lastRun().isEmpty(), selected));
        trigger.setOnAction(event -> triggerSelected());
        pause.setOnAction(event -> act("Pause", (session, item) -> session.client().pause(item.pipeline().id())));
        resume.setOnAction(event -> act("Resume", (session, item) -> session.client().resume(item.pipeline().id())));
        backfill.setOnAction(event -> backfillSelected());
        openLast.setOnAction(event -> selectedItem().ifPresent(item -> item.lastRun().ifPresent(run ->
                openRun.accept(new RunRef(item.agent(), run.runId())))));
        table.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                selectedItem().ifPresent(item -> item.lastRun().ifPresent(run ->
                        openRun.accept(new RunRef(item.agent(), run.runId()))));
            }
        });
    }

    private Optional<PipelinesModel.Item> selectedItem() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void act(String what, java.util.function.BiConsumer<AgentSession, PipelinesModel.Item> action) {
        selectedItem().ifPresent(item -> model.sessionOf(item).ifPresent(session -> session.perform(
                what + " " + item.pipeline().id(), () -> action.accept(session, item), report)));
    }

    /** Asks for parameters ({@code name=value} per line) and starts a run; opens it once started. */
    public void triggerSelected() {
        Optional<PipelinesModel.Item> selected = selectedItem();
        if (selected.isEmpty()) {
            return;
        }
        PipelinesModel.Item item = selected.get();
        Dialog<Map<String, Object>> dialog = new Dialog<>();
        dialog.setTitle("Trigger " + item.pipeline().id());
        dialog.setHeaderText("Start a run of " + item.pipeline().id() + " on " + item.agent() + " now");
        TextArea params = new TextArea();
        params.setId("trigger-params");
        params.setPromptText("parameters, one per line:\nregion=north\nlimit=100");
        params.setPrefRowCount(5);
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        VBox content = new VBox(8, new Label("Parameters (name=value, optional)"), params, problem);
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).setText("Trigger");
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            try {
                PipelinesModel.parseParams(params.getText());
            } catch (IllegalArgumentException e) {
                problem.setText(e.getMessage());
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == ButtonType.OK ? PipelinesModel.parseParams(params.getText())
                : null);
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(values -> model.sessionOf(item).ifPresent(session -> session.perform(
                "Trigger " + item.pipeline().id(), () -> {
                    String runId = session.client().trigger(item.pipeline().id(), values);
                    javafx.application.Platform.runLater(() -> openRun.accept(new RunRef(item.agent(), runId)));
                }, report)));
    }

    private void backfillSelected() {
        Optional<PipelinesModel.Item> selected = selectedItem();
        if (selected.isEmpty()) {
            return;
        }
        PipelinesModel.Item item = selected.get();
        Dialog<LocalDate[]> dialog = new Dialog<>();
        dialog.setTitle("Backfill " + item.pipeline().id());
        dialog.setHeaderText("One run per scheduled time, from the first day to the last (both included)");
        DatePicker from = new DatePicker(LocalDate.now(clock).minusDays(7));
        DatePicker to = new DatePicker(LocalDate.now(clock).minusDays(1));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("From"), from);
        form.addRow(1, new Label("To"), to);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK ? new LocalDate[]{from.getValue(), to.getValue()}
                : null);
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(range -> act("Backfill", (session, chosen) -> {
            int runs = session.client().backfill(chosen.pipeline().id(), range[0], range[1]).size();
            javafx.application.Platform.runLater(() -> report.accept("Backfill of " + chosen.pipeline().id()
                    + " started " + runs + " runs"));
        }));
    }

    public TableView<PipelinesModel.Item> table() {
        return table;
    }
}
