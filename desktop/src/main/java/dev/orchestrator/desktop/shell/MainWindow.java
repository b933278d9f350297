package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.approvals.ApprovalsModel;
import dev.orchestrator.desktop.approvals.ApprovalsView;
import dev.orchestrator.desktop.dashboard.DashboardModel;
import dev.orchestrator.desktop.dashboard.DashboardView;
import dev.orchestrator.desktop.editor.EditorView;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.grid.GridView;
import dev.orchestrator.desktop.logs.LogSearchModel;
import dev.orchestrator.desktop.logs.LogSearchView;
import dev.orchestrator.desktop.pipelines.FxPipelineDialogs;
import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.desktop.pipelines.PipelinesView;
import dev.orchestrator.desktop.run.RunDetailModel;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.desktop.runs.RunsView;
import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.session.Workspace;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The console's window: a sidebar of screens (dashboard, pipelines, runs, approvals, grid, logs, editor, agents with
 * the fleet's drift and actions, the open run), a banner while an agent is not answering, and a status bar for what just happened or went wrong.
 * Keyboard: Ctrl+1…9 for the screens, F5 to reload, Ctrl+T to trigger the selected pipeline, Ctrl+Shift+D for the dark theme.
 */
public final class MainWindow extends BorderPane {

    private final Workspace workspace;
    private final Theme theme;
    private final Clock clock;
    private final Executor io;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    // ELK's classes and their start-up only when a run is first opened
    private final Lazy<DagLayout> layout = new Lazy<>(DagLayout::new);
    private final ToggleGroup screens = new ToggleGroup();
    private final ToggleButton dashboardButton = nav("Dashboard", "dashboard");
    private final ToggleButton pipelinesButton = nav("Pipelines", "pipelines");
    private final ToggleButton runsButton = nav("Runs", "runs");
    private final ToggleButton approvalsButton = nav("Approvals", "approvals");
    private final ToggleButton gridButton = nav("Grid", "grid");
    private final ToggleButton logsButton = nav("Logs", "logs");
    private final ToggleButton editorButton = nav("Editor", "editor");
    private final ToggleButton agentsButton = nav("Agents", "agents");
    private final ToggleButton runButton = nav("Run", "run");
    private final Label status = new Label();
    private final StatusLine statusLine;
    private final Label agentsSummary = new Label();
    private final Label staleText = new Label();
    private final HBox staleBanner = new HBox(staleText);
    private final DashboardView dashboard;
    // built when first opened: the first window shows the dashboard only (bench/README.md, issue 23)
    private final Lazy<PipelinesView> pipelines;
    private final Lazy<RunsView> runs;
    private final Lazy<ApprovalsView> approvals;
    private final Lazy<GridView> grid;
    private final Lazy<LogSearchView> logs;
    private final Lazy<EditorView> editor;
    private final Lazy<TabPane> agents;
    private RunDetailView runDetail;

    public MainWindow(
            Workspace workspace, Theme theme, Clock clock, Executor io, Executor ui, ScheduledExecutorService timer) {
        this.workspace = workspace;
        this.theme = theme;
        this.clock = clock;
        this.io = io;
        this.ui = ui;
        this.timer = timer;
        this.statusLine = new StatusLine(timer, ui, StatusLine.Keep.DEFAULT);
        this.dashboard = new DashboardView(new DashboardModel(workspace.sessions()), clock, this::openRun);
        this.pipelines = new Lazy<>(() -> new PipelinesView(
                new PipelinesModel(
                        workspace.sessions(),
                        clock,
                        ui,
                        new FxPipelineDialogs(this::window),
                        this::openRun,
                        this::report),
                clock));
        this.runs = new Lazy<>(
                () -> RunsScreen.create(workspace.sessions(), clock, this::openRun, this::window, this::report));
        this.approvals =
                new Lazy<>(() -> new ApprovalsView(new ApprovalsModel(workspace.sessions(), clock, this::report)));
        this.grid = new Lazy<>(() -> GridScreen.create(this, workspace, theme, io, ui));
        this.logs = new Lazy<>(() -> new LogSearchView(
                new LogSearchModel(workspace.sessions(), io, ui),
                workspace.sessions(),
                clock,
                io,
                this::openRun,
                this::report));
        this.editor =
                new Lazy<>(() -> EditorScreen.create(workspace.sessions(), theme, io, ui, timer, clock, this::report));
        this.agents = new Lazy<>(() -> AgentsScreen.create(workspace, io, ui, timer, this::window, this::report));
        createView();
        bind();
    }

    /** The window the dialogs belong to; null before the console is shown. */
    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private ToggleButton nav(String text, String id) {
        ToggleButton button = new ToggleButton(text);
        button.getStyleClass().add("nav-button");
        button.setId("nav-" + id);
        button.setToggleGroup(screens);
        button.setMaxWidth(Double.MAX_VALUE);
        return button;
    }

    private void createView() {
        getStyleClass().add("main-window");
        Label appTitle = new Label("Orchestrator");
        appTitle.getStyleClass().add("app-title");
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        Button themeButton = new Button("Light / dark");
        themeButton.setTooltip(new Tooltip("Switch the theme (Ctrl+Shift+D)"));
        themeButton.setMaxWidth(Double.MAX_VALUE);
        themeButton.setOnAction(event -> theme.toggle());
        themeButton.setId("theme");
        runButton.setDisable(true);
        VBox sidebar = new VBox(appTitle);
        sidebar.getChildren().addAll(screenButtons());
        sidebar.getChildren().addAll(gap, themeButton);
        sidebar.getStyleClass().add("sidebar");
        setLeft(sidebar);

        staleBanner.getStyleClass().add("stale-banner");
        staleBanner.setId("stale-banner");
        staleBanner.setVisible(false);
        staleBanner.setManaged(false);
        staleText.setId("stale-text");
        staleText.setWrapText(true);
        setTop(staleBanner);

        status.setId("status");
        Region statusGap = new Region();
        HBox.setHgrow(statusGap, Priority.ALWAYS);
        HBox statusBar = new HBox(status, statusGap, agentsSummary);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        setBottom(statusBar);
        show(dashboardButton, dashboard);
    }

    private void bind() {
        dashboardButton.setOnAction(event -> show(dashboardButton, dashboard));
        pipelinesButton.setOnAction(event -> show(pipelinesButton, pipelines));
        runsButton.setOnAction(event -> show(runsButton, runs));
        approvalsButton.setOnAction(event -> show(approvalsButton, approvals));
        gridButton.setOnAction(event -> show(gridButton, grid));
        logsButton.setOnAction(event -> show(logsButton, logs));
        editorButton.setOnAction(event -> show(editorButton, editor));
        agentsButton.setOnAction(event -> show(agentsButton, agents));
        runButton.setOnAction(event -> {
            if (runDetail != null) {
                show(runButton, runDetail);
            }
        });
        InvalidationListener health = observable -> showHealth();
        workspace.sessions().forEach(session -> session.healthProperty().addListener(health));
        workspace.sessions().addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList()
                        .forEach(session -> session.healthProperty().addListener(health));
            }
            showHealth();
        });
        showHealth();
        status.textProperty().bind(statusLine.messageProperty());
        statusLine.problemProperty().addListener((observable, old, problem) -> {
            status.getStyleClass().remove("error-text");
            if (problem) {
                status.getStyleClass().add("error-text");
            }
        });
        theme.darkProperty().addListener((observable, old, dark) -> {
            editor.built().ifPresent(view -> view.setDark(dark));
            if (runDetail != null) {
                runDetail.setDark(dark);
            }
        });
        sceneProperty().addListener((observable, old, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
    }

    private void installShortcuts(Scene scene) {
        WindowShortcuts.install(
                scene,
                screenButtons(),
                () -> {
                    if (editor.is(getCenter())) {
                        editor.get().save(); // the Save button's path: the diff is confirmed first
                    }
                },
                () -> {
                    workspace.sessions().forEach(AgentSession::refresh);
                    report("Reloading from " + workspace.sessions().size() + " agents");
                },
                () -> {
                    pipelinesButton.fire();
                    pipelines.get().triggerSelected();
                },
                theme::toggle);
    }

    /** The sidebar's screens, top to bottom: Ctrl+1… opens them in this order. */
    private List<ToggleButton> screenButtons() {
        return List.of(
                dashboardButton,
                pipelinesButton,
                runsButton,
                approvalsButton,
                gridButton,
                logsButton,
                editorButton,
                agentsButton,
                runButton);
    }

    private void show(ToggleButton button, Lazy<? extends Node> screen) {
        show(button, screen.get());
    }

    private void show(ToggleButton button, Node screen) {
        button.setSelected(true);
        setCenter(screen);
    }

    private void showHealth() {
        long online = workspace.sessions().stream()
                .filter(session -> session.healthProperty().get() == AgentHealth.ONLINE)
                .count();
        int count = workspace.sessions().size();
        agentsSummary.setText(count + (count == 1 ? " agent · " : " agents · ") + online + " online");
        var stale = workspace.sessions().stream()
                .filter(session -> session.healthProperty().get() == AgentHealth.STALE)
                .toList();
        if (!stale.isEmpty()) {
            AgentSession first = stale.get(0);
            String since = first.updatedAtProperty().get() == null
                    ? "never reached"
                    : "showing what it said at "
                            + Format.time(
                                    first.updatedAtProperty().get().atOffset(java.time.ZoneOffset.UTC),
                                    clock.getZone(),
                                    LocalDate.now(clock));
            staleText.setText("Stale: "
                    + String.join(", ", stale.stream().map(AgentSession::name).toList())
                    + (stale.size() == 1 ? " is" : " are") + " not answering (" + since
                    + "); reconnecting by itself. "
                    + (first.problemProperty().get() == null
                            ? ""
                            : first.problemProperty().get()));
        }
        // shown after its text is set: whoever sees the banner reads what it says
        staleBanner.setVisible(!stale.isEmpty());
        staleBanner.setManaged(!stale.isEmpty());
    }

    /** Opens a run in the run detail screen. */
    public void openRun(RunRef ref) {
        workspace
                .session(ref.agent())
                .ifPresentOrElse(
                        session -> {
                            if (runDetail != null) {
                                runDetail.model().close();
                            }
                            RunDetailModel model =
                                    new RunDetailModel(session, ref.runId(), layout.get(), io, ui, timer, clock).open();
                            runDetail = new RunDetailView(
                                    model, clock, runId -> openRun(new RunRef(ref.agent(), runId)), this::report);
                            runDetail.setDark(theme.isDark());
                            runButton.setDisable(false);
                            runButton.setText("Run " + shortId(ref.runId()));
                            show(runButton, runDetail);
                        },
                        () -> report("no agent named " + ref.agent() + " any more"));
    }

    private static String shortId(String runId) {
        return runId.length() > 10 ? "…" + runId.substring(runId.length() - 6) : runId;
    }

    /** Shows a message in the status bar. */
    public void report(String message) {
        statusLine.show(message); // cleared after a few seconds: an old message is no news
    }

    public RunDetailView runDetail() {
        return runDetail;
    }

    /** The editor screen (built now if nobody opened it yet). */
    public EditorView editor() {
        return editor.get();
    }

    /** Asks before closing when the editor holds unsaved changes; true when the window may close. */
    public boolean confirmClose() {
        // an editor never opened holds nothing to lose
        return editor.built().map(EditorView::confirmDiscard).orElse(true);
    }

    public LogSearchView logs() {
        return logs.get();
    }

    public PipelinesView pipelines() {
        return pipelines.get();
    }
}
