package dev.orchestrator.desktop.runs;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The latest runs of every agent, newest first, filtered by a text that may match the run id, pipeline, state,
 * trigger or agent; opening one shows it in the run detail. Agents of one cluster share their runs, which are
 * listed once. Call on the UI thread.
 */
public final class RunsModel {

    /** A run, the agent it is read from (to open it there), and that agent as shown with the one that ran it. */
    public record Row(String agent, RunDto run, String shownAgent) {}

    private final ObservableList<AgentSession> sessions;
    private final Consumer<RunRef> openRun;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final InvalidationListener rebuild = observable -> rebuild();

    /** @param openRun opens a run, as the run detail screen */
    public RunsModel(ObservableList<AgentSession> sessions, Consumer<RunRef> openRun) {
        this.sessions = sessions;
        this.openRun = openRun;
        sessions.forEach(this::watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
                change.getRemoved().forEach(this::unwatch);
            }
            rebuild();
        });
        filter.addListener((observable, old, text) -> shown.setPredicate(row -> matches(row, text)));
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
                .forEach(session -> session.runs()
                        .forEach(run -> all.add(new Row(
                                session.name(),
                                run,
                                Format.agent(
                                        session.name(),
                                        session.infoProperty().get() == null
                                                ? null
                                                : session.infoProperty().get().agentId(),
                                        run.agentId())))));
        all.sort(Comparator.comparing((Row row) -> row.run().createdAt()).reversed());
        rows.setAll(all);
    }

    static boolean matches(Row row, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        RunDto run = row.run();
        return run.runId().contains(needle)
                || run.pipelineId().toLowerCase(Locale.ROOT).contains(needle)
                || run.status().contains(needle)
                || run.trigger().contains(needle)
                || row.shownAgent().toLowerCase(Locale.ROOT).contains(needle);
    }

    public ObservableList<AgentSession> sessions() {
        return sessions;
    }

    /** The rows passing the filter, newest first. */
    public ObservableList<Row> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Shows the run in the run detail, read from the agent it is listed under. */
    public void open(Row row) {
        openRun.accept(new RunRef(row.agent(), row.run().runId()));
    }
}
