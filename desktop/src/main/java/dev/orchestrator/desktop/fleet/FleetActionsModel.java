package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Fleet actions: the pipelines carrying a label on every connected agent (one agent per history: a cluster's agents
 * share their pipelines' state and runs), and pause, resume or trigger on all of them at once, after the user has
 * confirmed the list. Each agent is asked on the I/O executor apart from the others, so one agent down does not stop
 * the rest; its results say why. Properties change on the UI executor only. Call on the UI thread.
 */
public final class FleetActionsModel {

    private final ObservableList<AgentSession> sessions;
    private final Executor io;
    private final Executor ui;
    private final FleetDialogs dialogs;
    private final Consumer<String> report;
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final ObjectProperty<String> label = new SimpleObjectProperty<>();
    private final ObservableList<FleetTarget> targets = FXCollections.observableArrayList();
    private final ObservableList<FleetOutcome> outcomes = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private int agentsLeft;

    /**
     * @param io     where the agents are asked, one task per agent
     * @param ui     runs work on the UI thread (the console's {@code Platform::runLater}, a test's direct executor)
     * @param report shows what happened or went wrong, in the window's status bar
     */
    public FleetActionsModel(
            ObservableList<AgentSession> sessions,
            Executor io,
            Executor ui,
            FleetDialogs dialogs,
            Consumer<String> report) {
        this.sessions = sessions;
        this.io = io;
        this.ui = ui;
        this.dialogs = dialogs;
        this.report = report;
        SharedHistories.watch(sessions, session -> List.of(session.pipelines()), this::rebuild);
        label.addListener(observable -> rebuild());
        rebuild();
    }

    private void rebuild() {
        List<AgentSession> chosen = SharedHistories.onePerHistory(sessions);
        TreeSet<String> known = new TreeSet<>();
        List<FleetTarget> matching = new ArrayList<>();
        for (AgentSession session : chosen) {
            for (PipelineRow row : session.pipelines()) {
                known.addAll(row.labels());
                if (label.get() != null && row.labels().contains(label.get())) {
                    matching.add(new FleetTarget(session.name(), row.id(), row.status()));
                }
            }
        }
        if (!labels.equals(new ArrayList<>(known))) {
            labels.setAll(known);
        }
        if (!targets.equals(matching)) {
            targets.setAll(matching);
        }
    }

    /**
     * Asks the user to confirm {@code action} on every pipeline carrying the label, then asks each agent for its
     * pipelines in the background; each agent's results are added as it answers.
     */
    public void apply(FleetAction action) {
        List<FleetTarget> touched = List.copyOf(targets);
        if (touched.isEmpty()) {
            report.accept(
                    label.get() == null
                            ? "Choose a label first"
                            : "No pipeline of a connected agent carries the label " + label.get());
            return;
        }
        if (running.get() || !dialogs.confirmAction(action, label.get(), touched)) {
            return;
        }
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        touched.forEach(target -> byAgent.computeIfAbsent(target.agent(), agent -> new ArrayList<>())
                .add(target.pipelineId()));
        outcomes.clear();
        running.set(true);
        summary.set(action.verb() + " on " + byAgent.size() + (byAgent.size() == 1 ? " agent…" : " agents…"));
        agentsLeft = byAgent.size();
        byAgent.forEach((agent, pipelineIds) -> {
            AgentSession session = sessions.stream()
                    .filter(candidate -> candidate.name().equals(agent))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(agent + " was listed, so it is connected"));
            io.execute(() -> {
                List<FleetOutcome> done = action.applyTo(agent, session.client(), pipelineIds);
                ui.execute(() -> answered(action, session, done));
            });
        });
    }

    private void answered(FleetAction action, AgentSession session, List<FleetOutcome> done) {
        outcomes.addAll(done);
        if (done.stream().anyMatch(FleetOutcome::done)) {
            session.refresh(); // its pipelines' states changed
        }
        if (--agentsLeft > 0) {
            return;
        }
        running.set(false);
        long failed = outcomes.stream().filter(outcome -> !outcome.done()).count();
        String text = action.verb() + ": " + (outcomes.size() - failed) + " of " + outcomes.size() + " done"
                + (failed == 0 ? "" : ", " + failed + " failed");
        summary.set(text);
        report.accept(text);
    }

    /** Every label of the connected agents' pipelines, sorted. */
    public ObservableList<String> labels() {
        return labels;
    }

    /** The label that selects the pipelines. */
    public ObjectProperty<String> labelProperty() {
        return label;
    }

    /** The pipelines carrying the label, agent by agent. */
    public ObservableList<FleetTarget> targets() {
        return targets;
    }

    /** What the last action did, agent by agent. */
    public ObservableList<FleetOutcome> outcomes() {
        return outcomes;
    }

    /** True from the confirmation until every agent has answered. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }
}
