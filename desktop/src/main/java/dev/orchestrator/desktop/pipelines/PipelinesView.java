package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.ui.AgentsDown;
import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Every pipeline: schedule in words, next and last run, paused or active; trigger, pause, resume, backfill. */
public final class PipelinesView extends VBox {

    private final PipelinesModel model;
    private final Clock clock;
    private final TableView<PipelinesModel.Item> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Button trigger = new Button("Trigger…");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button backfill = new Button("Backfill…");
    private final Button openLast = new Button("Open last run");
    private final PipelineHistoryView history;

    public PipelinesView(PipelinesModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        this.history = new PipelineHistoryView(model.history(), clock);
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
        // at 1280 x 800 the pipeline's id, its next run, states and headers are read whole; the name takes the width
        // left; a long schedule wraps in its row; labels are whole in their tooltips; the agent's column shows only
        // when more than
        // one agent is connected
        TableColumn<PipelinesModel.Item, String> id =
                column("Pipeline", item -> item.pipeline().id(), 190);
        Columns.fixed(id, 190);
        TableColumn<PipelinesModel.Item, String> name =
                column("Name", item -> item.pipeline().name(), 170);
        Columns.wrapping(Columns.fixed(
                column("Schedule", item -> Format.schedule(item.pipeline().schedule()), 210), 210));
        TableColumn<PipelinesModel.Item, OffsetDateTime> next =
                new TableColumn<>(Format.inZone("Next run", clock.getZone()));
        next.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().pipeline().nextRun()));
        next.setCellFactory(column -> timeCell());
        next.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        Columns.fixed(next, 170);
        table.getColumns().add(next);
        TableColumn<PipelinesModel.Item, String> last = column("Last run", PipelinesModel.Item::lastState, 96);
        Columns.fixed(last, 96);
        last.setCellFactory(column -> new StateBadgeCell<>());
        TableColumn<PipelinesModel.Item, String> status =
                column("Status", item -> item.pipeline().status(), 90);
        Columns.fixed(status, 90);
        status.setCellFactory(column -> new StateBadgeCell<>());
        Columns.fixed(column("Labels", item -> String.join(", ", item.pipeline().labels()), 120), 120);
        var agent = column("Agent", PipelinesModel.Item::agent, 90);
        Columns.fixed(agent, 90);
        agent.visibleProperty()
                .bind(javafx.beans.binding.Bindings.size(model.sessions()).greaterThan(1));
        table.getSortOrder().add(id);
        Columns.fill(table, name, 150);
        table.setPlaceholder(new Label("No pipelines: connect an agent on the Agents screen"));
        // the selected pipeline's tabs below its row
        history.setId("pipeline-history");
        Tab historyTab = new Tab("History", history);
        historyTab.setId("history-tab");
        TabPane tabs = new TabPane(historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(table, tabs);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, toolbar, split);
    }

    private TableColumn<PipelinesModel.Item, String> column(
            String title, Function<PipelinesModel.Item, String> value, double width) {
        TableColumn<PipelinesModel.Item, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new Columns.TooltipCell<>());
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
                sorted.stream()
                        .filter(item -> chosen[0].equals(
                                item.agent() + "/" + item.pipeline().id()))
                        .findFirst()
                        .ifPresent(item -> table.getSelectionModel().select(item));
            }
        });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((observable, old, item) -> model.selectedProperty().set(item));
        trigger.disableProperty().bind(model.canActProperty().not());
        backfill.disableProperty().bind(model.canActProperty().not());
        pause.disableProperty().bind(model.canPauseProperty().not());
        resume.disableProperty().bind(model.canResumeProperty().not());
        openLast.disableProperty().bind(model.canOpenLastRunProperty().not());
        trigger.setOnAction(event -> model.trigger());
        pause.setOnAction(event -> model.pause());
        resume.setOnAction(event -> model.resume());
        backfill.setOnAction(event -> model.backfill());
        openLast.setOnAction(event -> model.openLastRun());
        // the row opened is the selection the model acts on
        RowActivation.install(
                table, item -> model.openLastRun(), AgentsDown.of(table, model.sessions(), PipelinesModel.Item::agent));
    }

    /** Asks for parameters ({@code name=value} per line) and starts a run; opens it once started. */
    public void triggerSelected() {
        model.trigger();
    }

    public PipelineHistoryView history() {
        return history;
    }

    public TableView<PipelinesModel.Item> table() {
        return table;
    }
}
