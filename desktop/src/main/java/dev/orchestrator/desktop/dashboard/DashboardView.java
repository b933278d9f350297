package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.desktop.client.Stats;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.ui.AgentsDown;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.desktop.ui.StateStyles;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The dashboard: today's figures as cards, two charts, the last runs, the next fires, the shared pools, what is
 * failing and the deadlines missed today.
 */
public final class DashboardView extends VBox {

    private final DashboardModel model;
    private final Clock clock;
    private final Consumer<RunRef> openRun;
    private final javafx.scene.control.ComboBox<String> scope = new javafx.scene.control.ComboBox<>();
    private final Label runsToday = value();
    private final Label successRate = value();
    private final Label averageDuration = value();
    private final Label failedToday = value();
    private final Label lateToday = value();
    private final LineChart<String, Number> trend = new LineChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<String, Number> perHour = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final TableView<DashboardModel.AgentRun> lastRuns = new TableView<>();
    private final TableView<DashboardModel.AgentFire> upcoming = new TableView<>();
    private final TableView<DashboardModel.AgentFinishedRun> failing = new TableView<>();
    private final TableView<DashboardModel.AgentMissed> late = new TableView<>();

    public DashboardView(DashboardModel model, Clock clock, Consumer<RunRef> openRun) {
        this.model = model;
        this.clock = clock;
        this.openRun = openRun;
        createView();
        bind();
    }

    private static Label value() {
        Label label = new Label("—");
        label.getStyleClass().add("card-value");
        return label;
    }

    private void createView() {
        getStyleClass().addAll("screen", "dashboard");
        Label title = new Label("Dashboard");
        title.getStyleClass().add("screen-title");
        scope.setId("dashboard-scope");
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(12, title, gap, new Label("Agent"), scope);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox cards = new HBox(
                12,
                card("Runs today", runsToday),
                card("Success rate", successRate),
                card("Average duration", averageDuration),
                card("Failed today", failedToday),
                card("Late", lateToday));
        lateToday.setId("late-today");
        cards.getChildren().forEach(card -> HBox.setHgrow(card, Priority.ALWAYS));

        trend.setTitle("Duration of the last runs (s)");
        trend.setLegendVisible(false);
        trend.setAnimated(false);
        trend.setCreateSymbols(true);
        trend.getXAxis().setTickLabelsVisible(false); // one point per run: the labels would only crowd
        perHour.setTitle("Runs per hour today");
        perHour.setLegendVisible(false);
        perHour.setAnimated(false);
        perHour.setCategoryGap(2);
        HBox charts = new HBox(12, trend, perHour);
        HBox.setHgrow(trend, Priority.ALWAYS);
        HBox.setHgrow(perHour, Priority.ALWAYS);
        trend.setPrefHeight(230);
        perHour.setPrefHeight(230);

        DashboardTables columns = new DashboardTables(model, clock);
        columns.lastRuns(lastRuns);
        lastRuns.setId("last-runs");
        RowActivation.install(
                lastRuns,
                run -> openRun.accept(new RunRef(run.agent(), run.run().runId())),
                AgentsDown.of(lastRuns, model.sessions(), DashboardModel.AgentRun::agent));

        columns.upcoming(upcoming);
        upcoming.setId("due-next");
        columns.failing(failing);
        failing.setId("failing");
        RowActivation.install(
                failing,
                run -> openRun.accept(new RunRef(run.agent(), run.run().runId())),
                AgentsDown.of(failing, model.sessions(), DashboardModel.AgentFinishedRun::agent));

        columns.late(late);
        late.setId("missed-deadlines");
        RowActivation.install(
                late,
                missed -> {
                    if (missed.missed().runId() != null) {
                        openRun.accept(
                                new RunRef(missed.agent(), missed.missed().runId()));
                    }
                },
                AgentsDown.of(late, model.sessions(), DashboardModel.AgentMissed::agent));

        // four columns: the runs and the pools take two (46 %), due next and failing one each (27 %), missed deadlines
        // two, so that at 1280 x 800 a pipeline's id of 20 characters is read whole in each table (DashboardTables)
        GridPane tables = new GridPane();
        tables.setHgap(12);
        tables.setVgap(4);
        tables.add(heading(columns.heading("Last 10 runs", "double-click to open")), 0, 0, 2, 1);
        tables.add(lastRuns, 0, 1, 2, 1);
        tables.add(heading(columns.heading("Due next", "")), 2, 0);
        tables.add(upcoming, 2, 1);
        tables.add(heading(columns.heading("Failing pipelines", "")), 3, 0);
        tables.add(failing, 3, 1);
        tables.add(heading("Pools"), 0, 2, 2, 1);
        tables.add(new PoolsPanel(new PoolsModel(model.sessions())), 0, 3, 2, 1);
        tables.add(heading(columns.heading("Missed deadlines today", "")), 2, 2, 2, 1);
        tables.add(late, 2, 3, 2, 1);
        for (double percent : new double[] {23, 23, 27, 27}) {
            var constraints = new javafx.scene.layout.ColumnConstraints();
            constraints.setPercentWidth(percent);
            tables.getColumnConstraints().add(constraints);
        }
        for (int i = 0; i < 4; i++) {
            var constraints = new javafx.scene.layout.RowConstraints();
            // the runs' tables take most of the height: pools and missed deadlines are a few rows each
            if (i == 1) {
                constraints.setPercentHeight(60);
            } else if (i == 3) {
                constraints.setPercentHeight(30);
            }
            tables.getRowConstraints().add(constraints);
        }
        VBox.setVgrow(tables, Priority.ALWAYS);
        getChildren().addAll(header, cards, charts, tables);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("card-label");
        return label;
    }

    private static VBox card(String label, Label value) {
        Label caption = new Label(label);
        caption.getStyleClass().add("card-label");
        VBox card = new VBox(caption, value);
        card.getStyleClass().add("card");
        return card;
    }

    private static final String ALL_AGENTS = "All agents";

    private void bind() {
        Runnable names = () -> {
            String chosen = scope.getValue();
            java.util.List<String> choices = new java.util.ArrayList<>(java.util.List.of(ALL_AGENTS));
            model.sessions().forEach(session -> choices.add(session.name()));
            scope.getItems().setAll(choices);
            scope.setValue(chosen != null && choices.contains(chosen) ? chosen : ALL_AGENTS);
        };
        model.sessions().addListener((javafx.beans.InvalidationListener) observable -> names.run());
        names.run();
        scope.valueProperty()
                .addListener((observable, old, name) ->
                        model.scopeProperty().set(name == null || name.equals(ALL_AGENTS) ? null : name));
        model.figuresProperty().addListener((observable, old, figures) -> show(figures));
        show(model.figures());
    }

    private void show(DashboardModel.Figures figures) {
        runsToday.setText(String.valueOf(figures.runsToday()));
        successRate.setText(Format.percent(figures.successRate()));
        averageDuration.setText(Format.duration(figures.averageDurationMs()));
        failedToday.setText(String.valueOf(figures.failedToday()));
        StateStyles.apply(failedToday, figures.failedToday() > 0 ? "failed" : "success");
        lateToday.setText(String.valueOf(figures.late().size()));
        StateStyles.apply(lateToday, figures.late().isEmpty() ? "success" : "failed");
        ZoneId zone = clock.getZone();
        XYChart.Series<String, Number> durations = new XYChart.Series<>();
        int index = 0;
        for (DashboardModel.AgentFinishedRun run : figures.durationTrend()) {
            durations
                    .getData()
                    .add(new XYChart.Data<>(
                            String.valueOf(++index) + " " + run.run().pipelineId(),
                            run.run().durationMs() / 1000.0));
        }
        trend.getData().setAll(java.util.List.of(durations));
        XYChart.Series<String, Number> hours = new XYChart.Series<>();
        for (Stats.HourCount hour : figures.runsPerHour()) {
            hours.getData()
                    .add(new XYChart.Data<>(
                            String.format(
                                    "%02d", hour.hour().atZoneSameInstant(zone).getHour()),
                            hour.runs()));
        }
        perHour.getData().setAll(java.util.List.of(hours));
        lastRuns.getItems().setAll(figures.lastRuns());
        upcoming.getItems().setAll(figures.upcoming());
        failing.getItems().setAll(figures.failing());
        late.getItems().setAll(figures.late());
    }
}
