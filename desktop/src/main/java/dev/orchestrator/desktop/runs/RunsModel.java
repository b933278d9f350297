package dev.orchestrator.desktop.runs;

import dev.orchestrator.api.BulkResultDto;
import dev.orchestrator.api.BulkRunDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.OperatorRequests;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The latest runs of every agent, newest first, filtered by a text that may match the run id, pipeline, state,
 * trigger or agent; opening one shows it in the run detail; the runs selected are cancelled or retried together,
 * after a dry run whose plan the user confirms ({@link RunsDialogs}). Agents of one cluster share their runs, which
 * are listed once. Call on the UI thread.
 */
public final class RunsModel {

    private static final String PLANNED = "planned";

    /** A run, the agent it is read from (to open it there), and that agent as shown with the one that ran it. */
    public record Row(String agent, RunDto run, String shownAgent) {}

    private final ObservableList<AgentSession> sessions;
    private final Consumer<RunRef> openRun;
    private final RunsDialogs dialogs;
    private final Consumer<String> report;
    private final ObservableList<Row> selection = FXCollections.observableArrayList();
    private final Set<String> selected = new HashSet<>(); // agent/run id: kept while the list is rebuilt
    private boolean rebuilding;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");

    /**
     * @param openRun opens a run, as the run detail screen
     * @param report  shows what happened or went wrong, in the window's status bar
     */
    public RunsModel(
            ObservableList<AgentSession> sessions,
            Consumer<RunRef> openRun,
            RunsDialogs dialogs,
            Consumer<String> report) {
        this.sessions = sessions;
        this.openRun = openRun;
        this.dialogs = dialogs;
        this.report = report;
        SharedHistories.watch(sessions, session -> List.of(session.runs()), this::rebuild);
        filter.addListener((observable, old, text) -> shown.setPredicate(row -> matches(row, text)));
        rebuild();
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
        if (all.equals(rows)) {
            return;
        }
        // a table clears its selection when its rows are replaced: the runs selected stay so, by their ids
        rebuilding = true;
        try {
            rows.setAll(all);
        } finally {
            rebuilding = false;
        }
        List<Row> still = shown.stream().filter(this::isSelected).toList();
        selected.retainAll(still.stream().map(RunsModel::key).toList());
        selection.setAll(still);
    }

    private static String key(Row row) {
        return row.agent() + "/" + row.run().runId();
    }

    /** Whether the row is among the runs selected, as the view asks after the list was rebuilt. */
    public boolean isSelected(Row row) {
        return selected.contains(key(row));
    }

    /** The view's selection; ignored while the list is rebuilt, when the table drops it for a moment. */
    public void select(List<Row> chosen) {
        if (rebuilding) {
            return;
        }
        selected.clear();
        chosen.forEach(row -> selected.add(key(row)));
        selection.setAll(chosen);
    }

    /** The runs selected, as shown. */
    public ObservableList<Row> selection() {
        return selection;
    }

    /** Cancels the runs selected that are still going, once the user confirmed the dry run's plan. */
    public void cancelSelected() {
        bulk("cancel");
    }

    /** Retries the runs selected that ended without success, once the user confirmed the dry run's plan. */
    public void retrySelected() {
        bulk("retry");
    }

    /** {@code Cancel} or {@code Retry}. */
    static String verb(String action) {
        return action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1);
    }

    /** One agent's part of a bulk action: the runs selected there, and its dry run's answer once read. */
    private record Part(AgentSession session, List<String> runIds, BulkResultDto plan) {}

    private void bulk(String action) {
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        selection.forEach(row -> byAgent.computeIfAbsent(row.agent(), agent -> new ArrayList<>())
                .add(row.run().runId()));
        Deque<Part> asking = new ArrayDeque<>();
        for (Map.Entry<String, List<String>> agent : byAgent.entrySet()) {
            AgentSession session = sessions.stream()
                    .filter(candidate -> candidate.name().equals(agent.getKey()))
                    .findFirst()
                    .orElse(null);
            if (session == null) {
                report.accept("agent " + agent.getKey() + " is no longer connected");
                return;
            }
            asking.add(new Part(session, agent.getValue(), null));
        }
        if (!asking.isEmpty()) {
            planNext(action, asking, new ArrayList<>());
        }
    }

    /** Dry runs, one agent after the other; then one confirmation for all of them. */
    private void planNext(String action, Deque<Part> asking, List<Part> planned) {
        Part part = asking.poll();
        if (part == null) {
            confirmAndAct(action, planned);
            return;
        }
        part.session()
                .ask(
                        "Dry run of " + action,
                        client -> new OperatorRequests(client).bulk(action, part.runIds(), true),
                        plan -> {
                            planned.add(new Part(part.session(), part.runIds(), plan));
                            planNext(action, asking, planned);
                        },
                        report);
    }

    private void confirmAndAct(String action, List<Part> planned) {
        List<BulkRunDto> toDo = new ArrayList<>();
        List<BulkRunDto> leftAlone = new ArrayList<>();
        planned.forEach(part ->
                part.plan().runs().forEach(run -> (PLANNED.equals(run.outcome()) ? toDo : leftAlone).add(run)));
        if (toDo.isEmpty()) {
            report.accept("Nothing to " + action + ": "
                    + leftAlone.stream()
                            .map(run -> run.runId() + " " + run.reason())
                            .collect(Collectors.joining("; ")));
            return;
        }
        if (!dialogs.confirmBulk(action, toDo, leftAlone)) {
            return;
        }
        for (Part part : planned) {
            List<String> ids = part.plan().runs().stream()
                    .filter(run -> PLANNED.equals(run.outcome()))
                    .map(BulkRunDto::runId)
                    .toList();
            if (ids.isEmpty()) {
                continue;
            }
            String what = verb(action) + " " + ids.size() + (ids.size() == 1 ? " run" : " runs");
            report.accept(what + " on " + part.session().name());
            part.session()
                    .ask(
                            what,
                            client -> new OperatorRequests(client).bulk(action, ids, false),
                            result -> {
                                report.accept(what + " on " + part.session().name() + ": " + outcomes(result));
                                part.session().refresh();
                            },
                            report);
        }
    }

    private static String outcomes(BulkResultDto result) {
        return result.outcomes().entrySet().stream()
                .filter(outcome -> outcome.getValue() > 0)
                .map(outcome -> outcome.getValue() + " " + outcome.getKey())
                .collect(Collectors.joining(", "));
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
