package dev.orchestrator.desktop.logs;

import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.ui.AgentsDown;
import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Log search: log lines and errors (with their stack traces) of every run, filtered by agent, pipeline, run
 * state, time range, level and text, newest first across agents; a row opens its run; every matching row
 * can be exported to CSV, with progress and cancel.
 */
public final class LogSearchView extends VBox {

    private static final String ALL = "All";

    private final LogSearchModel model;
    private final ObservableList<AgentSession> sessions;
    private final Clock clock;
    private final Executor io;
    private final Consumer<RunRef> openRun;
    private final Consumer<String> report;
    private final ComboBox<String> agent = new ComboBox<>();
    private final TextField pipeline = new TextField();
    private final ComboBox<String> status = new ComboBox<>();
    private final ComboBox<String> level = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField text = new TextField();
    private final Button search = new Button("Search");
    private final Button more = new Button("More");
    private final Button export = new Button("Export CSV…");
    private final Button cancelExport = new Button("Cancel");
    private final ProgressBar exportProgress = new ProgressBar();
    private final Label summary = new Label();
    private final TableView<LogSearchModel.Hit> table = new TableView<>();
    private final TextArea detail = new TextArea();
    private LogExport running;

    public LogSearchView(
            LogSearchModel model,
            ObservableList<AgentSession> sessions,
            Clock clock,
            Executor io,
            Consumer<RunRef> openRun,
            Consumer<String> report) {
        this.model = model;
        this.sessions = sessions;
        this.clock = clock;
        this.io = io;
        this.openRun = openRun;
        this.report = report;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "log-search");
        Label title = new Label("Logs");
        title.getStyleClass().add("screen-title");
        text.setId("log-text");
        text.setPromptText("Text in messages and stack traces");
        text.setPrefColumnCount(24);
        pipeline.setPromptText("Pipeline");
        pipeline.setPrefColumnCount(12);
        status.getItems().setAll(ALL, "success", "failed", "running", "cancelled", "crashed", "queued");
        status.setValue(ALL);
        level.getItems().setAll(ALL, "error", "warn", "info");
        level.setValue(ALL);
        from.setPromptText("From");
        to.setPromptText("To");
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        search.setId("log-search");
        search.setDefaultButton(true);
        FlowPane filters = new FlowPane(
                8,
                8,
                labelled("Agent", agent),
                text,
                pipeline,
                labelled("Run state", status),
                labelled("Level", level),
                from,
                to,
                search);
        filters.setAlignment(Pos.CENTER_LEFT);

        export.setId("log-export");
        exportProgress.setVisible(false);
        exportProgress.setPrefWidth(180);
        cancelExport.setVisible(false);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        summary.getStyleClass().add("muted");
        HBox actions = new HBox(8, summary, gap, exportProgress, cancelExport, export);
        actions.setAlignment(Pos.CENTER_LEFT);

        table.setId("log-results");
        var zone = clock.getZone();
        // at 1280 x 800 every column but the message is read whole, and the message, wrapped over its lines, takes the
        // width left, the widest column: where a line was written (its pipeline and task, over its run id) shares one
        // column of a run id's width, as three columns of their own (a run id's 330 px among them) left the message
        // less than the run id. The agent's column shows only when more than one agent is connected.
        Columns.fixed(
                column(
                        Format.inZone("Time", zone),
                        hit -> Format.time(hit.entry().time(), zone, LocalDate.now(clock)),
                        150),
                150);
        TableColumn<LogSearchModel.Hit, String> levelColumn =
                column("Level", hit -> hit.entry().level(), 80);
        levelColumn.setCellFactory(column -> new StateBadgeCell<>(
                level -> switch (level) {
                    case "ERROR" -> "failed";
                    case "WARN" -> "retrying";
                    default -> "pending";
                },
                level -> level.toLowerCase(java.util.Locale.ROOT)));
        Columns.fixed(levelColumn, 76);
        Columns.fixed(
                Columns.wrapping(column("Pipeline / task / run", LogSearchView::where, Columns.RUN_ID_WIDTH)),
                Columns.RUN_ID_WIDTH);
        var message =
                Columns.wrapping(column("Message", hit -> firstLine(hit.entry().message()), 420));
        var agent = column("Agent", LogSearchModel.Hit::agent, 90);
        Columns.fixed(agent, 90);
        agent.visibleProperty()
                .bind(javafx.beans.binding.Bindings.size(model.sessions()).greaterThan(1));
        Columns.fill(table, message, 200);
        table.setPlaceholder(new Label("Search the logs of every run: type a word and press Enter"));
        detail.setEditable(false);
        detail.getStyleClass().add("stack-trace");
        detail.setPromptText("Select a row to read it whole; double-click to open its run");
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        VBox.setVgrow(split, Priority.ALWAYS);
        more.setId("log-more");
        getChildren().addAll(title, filters, actions, split, new HBox(more));
    }

    private static HBox labelled(String text, javafx.scene.Node field) {
        Label label = new Label(text);
        HBox box = new HBox(6, label, field);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Where a line was written: its pipeline and task (a line of the run's own has none), its run id below. */
    private static String where(LogSearchModel.Hit hit) {
        var entry = hit.entry();
        String task = entry.taskId() == null || entry.taskId().isEmpty() ? "" : " / " + entry.taskId();
        return entry.pipelineId() + task + "\n" + entry.runId();
    }

    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end) + " …";
    }

    private TableColumn<LogSearchModel.Hit, String> column(
            String title, Function<LogSearchModel.Hit, String> value, double width) {
        TableColumn<LogSearchModel.Hit, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new Columns.TooltipCell<>());
        column.setPrefWidth(width);
        column.setSortable(false); // the order is the agents' time order
        table.getColumns().add(column);
        return column;
    }

    private void bind() {
        Runnable names = () -> {
            String chosen = agent.getValue();
            List<String> choices = new ArrayList<>(List.of(ALL));
            sessions.forEach(session -> choices.add(session.name()));
            agent.getItems().setAll(choices);
            agent.setValue(chosen != null && choices.contains(chosen) ? chosen : ALL);
        };
        sessions.addListener((javafx.beans.InvalidationListener) observable -> names.run());
        names.run();
        table.setItems(model.hits());
        search.setOnAction(event -> model.search(filters()));
        text.setOnAction(event -> model.search(filters()));
        more.setOnAction(event -> model.more());
        more.disableProperty().bind(model.hasMoreProperty().not().or(model.searchingProperty()));
        search.disableProperty().bind(model.searchingProperty());
        summary.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> model.searchingProperty().get()
                                ? "Searching…"
                                : model.filters() == null
                                        ? ""
                                        : model.hits().size() + " of "
                                                + String.format(
                                                        "%,d",
                                                        model.totalProperty().get())
                                                + (model.totalIsLowerBoundProperty()
                                                                .get()
                                                        ? "+"
                                                        : "") + " matching entries shown",
                        model.searchingProperty(),
                        model.totalProperty(),
                        model.hits(),
                        model.totalIsLowerBoundProperty()));
        model.problemProperty().addListener((observable, old, problem) -> {
            if (problem != null) {
                report.accept("Log search: " + problem);
            }
        });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((observable, old, hit) -> detail.setText(
                        hit == null
                                ? ""
                                : hit.entry().message()
                                        + (hit.entry().stackTrace() == null
                                                ? ""
                                                : "\n\n" + hit.entry().stackTrace())));
        RowActivation.install(
                table,
                hit -> openRun.accept(new RunRef(hit.agent(), hit.entry().runId())),
                AgentsDown.of(table, sessions, LogSearchModel.Hit::agent));
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.hits()));
        export.setOnAction(event -> exportAll());
        cancelExport.setOnAction(event -> {
            if (running != null) {
                running.cancel();
            }
        });
    }

    private LogSearchModel.Filters filters() {
        return new LogSearchModel.Filters(
                ALL.equals(agent.getValue()) ? null : agent.getValue(),
                pipeline.getText(),
                ALL.equals(status.getValue()) ? null : status.getValue(),
                from.getValue() == null ? null : from.getValue().toString(),
                to.getValue() == null ? null : to.getValue().plusDays(1).toString(),
                text.getText(),
                ALL.equals(level.getValue()) ? null : level.getValue());
    }

    private void exportAll() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export every matching log entry");
        chooser.setInitialFileName("logs.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            exportTo(Path.of(file.getPath()));
        }
    }

    /** Exports every row of the last search to {@code target}, with progress in the view. */
    public void exportTo(Path target) {
        LogExport export =
                new LogExport(model.searchedSessions(), model.filters().asQuery());
        running = export;
        // the total may be a lower bound ("1,000+"): then the bar shows progress without a known end
        long expected = model.totalIsLowerBoundProperty().get()
                ? -1
                : Math.max(1, model.totalProperty().get());
        Task<Long> task = new Task<>() {
            @Override
            protected Long call() throws Exception {
                return export.writeTo(target, rows -> {
                    if (expected > 0) {
                        updateProgress(rows, expected);
                    } else {
                        updateMessage(rows + " rows");
                        updateProgress(-1, 1);
                    }
                });
            }
        };
        exportProgress.progressProperty().bind(task.progressProperty());
        exportProgress.setVisible(true);
        cancelExport.setVisible(true);
        this.export.disableProperty().unbind();
        this.export.setDisable(true);
        task.setOnSucceeded(event -> {
            finishExport();
            report.accept("Exported " + task.getValue() + " log entries to " + target);
        });
        task.setOnFailed(event -> {
            finishExport();
            report.accept("Export failed: " + task.getException().getMessage());
        });
        io.execute(task);
    }

    private void finishExport() {
        running = null;
        exportProgress.progressProperty().unbind();
        exportProgress.setVisible(false);
        cancelExport.setVisible(false);
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.hits()));
    }
}
