package dev.orchestrator.desktop.runs;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.ui.StateBadgeCell;
import dev.orchestrator.desktop.ui.StateStyles;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The latest runs of every agent, newest first, filtered by text; a double-click opens one. Agents of one cluster
 * share their runs, which are listed once.
 */
public final class RunsView extends VBox {

    /** A run, the agent it is read from (to open it there), and that agent as shown with the one that ran it. */
    public record Row(String agent, RunDto run, String shownAgent) {
    }

    private final ObservableList<AgentSession> sessions;
    private final Clock clock;
    private final Consumer<RunRef> openRun;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(rows);
    private final TableView<Row> table = new TableView<>(shown);
    private final TextField filter = new TextField();
    private final InvalidationListener rebuild = observable -> rebuild();

    public RunsView(ObservableList<AgentSession> sessions, Clock clock, Consumer<RunRef> openRun) {
        this.sessions = sessions;
        this.clock = clock;
        this.openRun = openRun;
        createView();
        bind();
    }

    private void createView() {
        getStyleClass().addAll("screen", "runs");
        Label title = new Label("Runs");
        title.getStyleClass().add("screen-title");
        filter.setPromptText("Filter by pipeline, state, run id, trigger, agent");
        filter.setPrefColumnCount(30);
        var zone = clock.getZone();
        column("Run", row -> row.run().runId(), 210);
        column("Pipeline", row -> row.run().pipelineId(), 170);
        TableColumn<Row, String> state = column("State", row -> row.run().status(), 100);
        state.setCellFactory(column -> new StateBadgeCell<>());
        column("Trigger", row -> row.run().trigger(), 80);
        column("Created", row -> Format.time(row.run().createdAt(), zone, LocalDate.now(clock)), 110);
        column("Duration", row -> row.run().startedAt() == null || row.run().finishedAt() == null ? "—"
                : Format.duration(Duration.between(row.run().startedAt(), row.run().finishedAt()).toMillis()), 90);
        column("Agent", Row::shownAgent, 80);
        column("Reason", row -> row.run().reason() == null ? "" : row.run().reason(), 300);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No runs yet"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, new HBox(8, filter), table);
    }

    private TableColumn<Row, String> column(String title, Function<Row, String> value, double width) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        table.getColumns().add(column);
        return column;
    }

    private void bind() {
        sessions.forEach(this::watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
                change.getRemoved().forEach(this::unwatch);
            }
            rebuild();
        });
        filter.textProperty().addListener((observable, old, text) -> shown.setPredicate(row -> matches(row, text)));
        table.setRowFactory(view -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openRun.accept(new RunRef(row.getItem().agent(), row.getItem().run().runId()));
                }
            });
            return row;
        });
        rebuild();
    }

    private void watch(AgentSession session) {
        session.runs().addListener(rebuild);
        SharedHistories.choiceInputs(session).forEach(input -> input.addListener(rebuild));
    }

    private void unwatch(AgentSession session) {
        session.runs().removeListener(rebuild);
        SharedHistories.choiceInputs(session).forEach(input -> input.removeListener(rebuild));
    }

    private void rebuild() {
        List<Row> all = new ArrayList<>();
        // agents of one cluster serve the same runs: each is listed once, read through one of them
        SharedHistories.onePerHistory(sessions)
                .forEach(session -> session.runs().forEach(run -> all.add(new Row(session.name(), run,
                        Format.agent(session.name(), session.infoProperty().get() == null ? null
                                : session.infoProperty().get().agentId(), run.agentId())))));
        all.sort(Comparator.comparing((Row row) -> row.run().createdAt()).reversed());
        rows.setAll(all);
    }

    private static boolean matches(Row row, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        RunDto run = row.run();
        return run.runId().contains(needle) || run.pipelineId().toLowerCase(Locale.ROOT).contains(needle)
                || run.status().contains(needle) || run.trigger().contains(needle)
                || row.shownAgent().toLowerCase(Locale.ROOT).contains(needle);
    }
}
