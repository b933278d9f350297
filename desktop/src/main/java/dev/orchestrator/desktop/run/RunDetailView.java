package dev.orchestrator.desktop.run;

import dev.orchestrator.api.AttemptDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.TaskDto;
import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.graph.DagView;
import dev.orchestrator.desktop.ui.Columns;
import dev.orchestrator.desktop.ui.StateStyles;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One run: its DAG coloured by live state (zoom, pan, fit, select), a timeline of its tasks, and for the
 * selected task its state, duration, attempts with their errors, the full stack trace, its output and its
 * log, tailing while it runs; cancel and retry.
 */
public final class RunDetailView extends VBox {

    private final RunDetailModel model;
    private final Clock clock;
    private final Consumer<String> openRun;
    private final Consumer<String> report;
    private final RunHeader header;
    private final Label summary = new Label();
    private final Label parameters = new Label();
    private final Hyperlink caller = new Hyperlink();
    private final Button cancel = new Button("Cancel run");
    private final Button retry = new Button("Retry from failure");
    private final Button compare = new Button("Compare with last success");
    private final TabPane tabs = new TabPane();
    private final Button fit = new Button("Fit");
    private final DagView graph = new DagView();
    private final GanttChart timeline;
    private final Label taskTitle = new Label("Select a task in the graph");
    private final GridPane taskFacts = new GridPane();
    private final TableView<AttemptDto> attempts = new TableView<>();
    private final TextArea stackTrace = new TextArea();
    private final TitledPane stackTracePane = new TitledPane("Stack trace", stackTrace);
    private final OutputTab.Preview output;
    private final RunLogView log;
    private SaveTarget saveTarget = SaveTarget.dialog(this);

    /** @param openRun opens another run of the same agent (a retry, a call's child run or its caller) */
    public RunDetailView(RunDetailModel model, Clock clock, Consumer<String> openRun, Consumer<String> report) {
        this.model = model;
        this.clock = clock;
        this.openRun = openRun;
        this.report = report;
        this.log = new RunLogView(clock);
        this.header = new RunHeader(model.runId(), caller, List.of(compare, cancel, retry), summary);
        this.output = new OutputTab.Preview(
                taskId -> OutputTab.open(tabs, model.fullOutput(taskId), () -> saveTarget, report));
        this.timeline = new GanttChart(
                () -> model.nowProperty().get().atZone(clock.getZone()).toOffsetDateTime());
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "run-detail");
        summary.getStyleClass().add("muted");
        summary.setId("run-summary");
        parameters.setId("run-params");
        parameters.getStyleClass().add("muted");
        parameters.setWrapText(true);
        cancel.setId("cancel-run");
        retry.setId("retry-run");
        compare.setId("compare-last-success");
        compare.setDisable(true); // until the run is read
        caller.setId("caller-run-link");
        graph.setId("dag");
        graph.setMinHeight(220);

        taskTitle.getStyleClass().add("card-label");
        taskFacts.setHgap(12);
        taskFacts.setVgap(4);
        attempts.setId("attempts");
        attempts.setPrefHeight(120);
        attempts.setPlaceholder(new Label("No attempts"));
        attemptColumn("#", attempt -> String.valueOf(attempt.number()), 40);
        attemptColumn("State", AttemptDto::status, 90);
        attemptColumn("Duration", attempt -> Format.duration(attempt.durationMs()), 90);
        // an error of several lines (its cause, the command, the last lines of stderr) shows its first line in its
        // one-line row, whole in the tooltip and in the task's facts above
        Columns.firstLine(attemptColumn(
                "Error",
                attempt -> attempt.errorType() == null
                        ? ""
                        : shortType(attempt.errorType()) + ": " + attempt.errorMessage(),
                420));
        attempts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        stackTrace.setId("stack-trace");
        stackTrace.setEditable(false);
        stackTrace.getStyleClass().add("stack-trace");
        stackTrace.setPrefRowCount(12);
        Button copy = new Button("Copy stack trace");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(stackTrace.getText());
            Clipboard.getSystemClipboard().setContent(content);
            report.accept("Stack trace copied");
        });
        stackTracePane.setContent(new VBox(6, stackTrace, copy));
        stackTracePane.setExpanded(false);
        VBox task = new VBox(8, taskTitle, taskFacts, attempts, stackTracePane, output);
        ScrollPane taskScroll = new ScrollPane(task);
        taskScroll.setFitToWidth(true);

        ScrollPane timelineScroll = new ScrollPane(timeline);
        timelineScroll.setFitToWidth(true);
        tabs.getTabs().addAll(new Tab("Task", taskScroll), new Tab("Log", log), new Tab("Timeline", timelineScroll));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("run-tabs");
        new MapItemsTab(tabs, model, report, () -> saveTarget);

        // a big pipeline takes a moment to lay out: say so instead of showing an empty area
        javafx.scene.control.ProgressIndicator loading = new javafx.scene.control.ProgressIndicator();
        loading.setMaxSize(48, 48);
        loading.visibleProperty()
                .bind(model.graphProperty().isNull().and(model.problemProperty().isNull()));
        fit.setId("fit-graph");
        javafx.scene.layout.StackPane graphArea = new javafx.scene.layout.StackPane(graph, loading, fit);
        javafx.scene.layout.StackPane.setAlignment(fit, javafx.geometry.Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane.setMargin(fit, new javafx.geometry.Insets(6));
        SplitPane split = new SplitPane(graphArea, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, parameters, split);
    }

    private TableColumn<AttemptDto, String> attemptColumn(
            String title, java.util.function.Function<AttemptDto, String> value, double width) {
        TableColumn<AttemptDto, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        attempts.getColumns().add(column);
        return column;
    }

    private static String shortType(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private void bind() {
        model.graphProperty().addListener((observable, old, laidOut) -> {
            graph.setGraph(laidOut);
            graph.setStates(model.states());
            graph.fit();
        });
        model.states().addListener((MapChangeListener<String, String>) change -> {
            if (change.wasAdded()) {
                graph.setState(change.getKey(), change.getValueAdded());
            }
        });
        model.runProperty().addListener((observable, old, run) -> showRun(run));
        // a running run's duration and timeline grow with the model's clock, and stop at its end
        model.durationProperty()
                .addListener((observable, old, millis) ->
                        showSummary(model.runProperty().get()));
        model.nowProperty().addListener((observable, old, now) -> timeline.refresh());
        model.selectedTaskProperty().addListener((observable, old, id) -> {
            if (id != null && !id.equals(graph.getSelectedNode())) {
                graph.select(id); // chosen by the model: the failed task a failed run opens on
            }
        });
        graph.selectedNodeProperty()
                .addListener(
                        (observable, old, id) -> model.selectedTaskProperty().set(id));
        model.selectedTaskProperty().addListener((observable, old, id) -> showTask());
        model.log().addListener((ListChangeListener<LogLine>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) { // the oldest lines of a long live log gave way: shown anew, once
                    log.show(model.selectedTaskProperty().get(), model.log());
                    return;
                }
                if (change.wasAdded()) {
                    log.append(change.getAddedSubList());
                }
            }
        });
        model.problemProperty().addListener((observable, old, problem) -> {
            if (problem != null) {
                report.accept(problem);
            }
        });
        fit.setOnAction(event -> graph.fit());
        cancel.setOnAction(event -> {
            if (CancelConfirmation.ask(this, model.runId())) {
                model.cancel(report);
            }
        });
        retry.setOnAction(event -> model.retry(openRun, report));
        compare.setOnAction(event -> CompareTab.open(tabs, model.compareWithLastSuccess(clock)));
    }

    private void showRun(RunDto run) {
        if (run == null) {
            return;
        }
        header.show(run);
        RunLinks.showCaller(caller, run, openRun);
        showSummary(run);
        parameters.setText("Parameters: " + Format.params(run.params()));
        cancel.setDisable(model.isEnded());
        retry.setDisable(!model.isEnded() || "success".equals(run.status()));
        compare.setDisable(retry.isDisable()); // a run that did not succeed, beside one that did
        timeline.setTasks(run.tasks() == null ? java.util.List.of() : run.tasks());
        for (TaskDto task : run.tasks() == null ? List.<TaskDto>of() : run.tasks()) {
            if (task.items() != null) {
                graph.setProgress(task.taskId(), MapProgress.of(task.items())); // a map's counts on its node
            }
        }
        showTask();
    }

    private void showSummary(RunDto run) {
        if (run == null) {
            return;
        }
        Long duration = model.durationProperty().get();
        var read = model.session().infoProperty().get();
        summary.setText("on "
                + Format.agent(model.session().name(), read == null ? null : read.agentId(), run.agentId())
                + " · " + run.trigger() + " · logical time "
                + Format.time(run.logicalTime(), clock.getZone(), LocalDate.now(clock)) + " · started "
                + Format.time(run.startedAt(), clock.getZone(), LocalDate.now(clock)) + " · "
                + Format.duration(duration) + " · times in " + clock.getZone().getId()
                + (run.reason() == null ? "" : " · " + run.reason()));
    }

    private void showTask() {
        String id = model.selectedTaskProperty().get();
        log.show(id, model.log());
        if (id == null) {
            taskTitle.setText("Select a task in the graph");
            taskFacts.getChildren().clear();
            attempts.getItems().clear();
            stackTrace.clear();
            output.show(java.util.Optional.empty());
            return;
        }
        taskTitle.setText("Task " + id);
        var detail = model.selectedTaskDetail();
        taskFacts.getChildren().clear();
        String taskState = detail.map(TaskDto::status).orElse(model.states().getOrDefault(id, "pending"));
        Label badge = new Label(Format.state(taskState));
        badge.getStyleClass().add("badge");
        badge.setId("task-state");
        StateStyles.apply(badge, taskState);
        taskFacts.addRow(0, new Label("State"), badge);
        taskFacts.addRow(
                1,
                new Label("Duration"),
                new Label(Format.duration(detail.map(TaskDto::durationMs).orElse(null))));
        taskFacts.addRow(
                2,
                new Label(Format.inZone("Started", clock.getZone())),
                new Label(Format.time(
                        detail.map(TaskDto::startedAt).orElse(null), clock.getZone(), LocalDate.now(clock))));
        detail.map(TaskDto::reason).ifPresent(reason -> taskFacts.addRow(3, new Label("Why"), new Label(reason)));
        List<AttemptDto> tried = detail.map(TaskDto::attempts).orElse(List.of());
        tried.stream()
                .filter(attempt -> attempt.errorType() != null)
                .reduce((first, second) -> second)
                .ifPresent(attempt -> taskFacts.addRow(4, new Label("Error"), errorText(attempt)));
        detail.map(TaskDto::childRunId)
                .ifPresent(child -> taskFacts.addRow(5, new Label("Child run"), RunLinks.toChild(child, openRun)));
        attempts.getItems().setAll(tried);
        String trace = detail.map(TaskDto::attempts).orElse(java.util.List.of()).stream()
                .filter(attempt -> attempt.stackTrace() != null)
                .reduce((first, second) -> second)
                .map(AttemptDto::stackTrace)
                .orElse("");
        stackTrace.setText(trace);
        stackTracePane.setText(trace.isEmpty() ? "Stack trace (none)" : "Stack trace of the last failed attempt");
        stackTracePane.setExpanded(!trace.isEmpty());
        output.show(detail);
    }

    /** The last failed attempt's whole cause (the command and its last lines of stderr), wrapped. */
    private Label errorText(AttemptDto attempt) {
        Label error = new Label(shortType(attempt.errorType()) + ": " + attempt.errorMessage());
        error.setId("task-error");
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.maxWidthProperty().bind(taskFacts.widthProperty().subtract(90));
        javafx.scene.layout.GridPane.setHgrow(error, Priority.ALWAYS);
        return error;
    }

    /** Colours of the graph and the timeline for the dark theme (they are drawn, not styled by CSS). */
    public void setDark(boolean dark) {
        graph.setDarkTheme(dark);
        timeline.setDark(dark);
    }

    /** Where "Save JSON…" and "Save CSV…" of a full output save: a save dialog, unless a test says otherwise. */
    public void setSaveTarget(SaveTarget target) {
        this.saveTarget = target;
    }

    public DagView graph() {
        return graph;
    }

    public RunDetailModel model() {
        return model;
    }
}
