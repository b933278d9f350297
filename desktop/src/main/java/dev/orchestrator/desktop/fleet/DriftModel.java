package dev.orchestrator.desktop.fleet;

import dev.orchestrator.desktop.client.AgentException;
import dev.orchestrator.desktop.client.ValidationRequests;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * Drift across the connected agents: which pipelines read differently on agents that do not share a history, the
 * two texts chosen side by side, and "copy this version to …" through the target's conflict-checked save, after the
 * target's own validation of the text is shown and confirmed. Reading, diffing and saving run on the I/O executor;
 * the properties change on the UI executor only. Call on the UI thread.
 */
public final class DriftModel {

    private final ObservableList<AgentSession> sessions;
    private final Executor io;
    private final Executor ui;
    private final FleetDialogs dialogs;
    private final Consumer<String> report;
    private final ObservableList<Drift> drifts = FXCollections.observableArrayList();
    private final ObjectProperty<Drift> selected = new SimpleObjectProperty<>();
    private final ObservableList<Drift.Variant> variants = FXCollections.observableArrayList();
    private final ObjectProperty<Drift.Variant> left = new SimpleObjectProperty<>();
    private final ObjectProperty<Drift.Variant> right = new SimpleObjectProperty<>();
    private final ObservableList<SideBySide.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObjectProperty<String> target = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("Not checked yet");
    private long diffs; // the latest diff asked for: an earlier one's rows come too late

    /**
     * @param io     where agents are asked and texts compared
     * @param ui     runs work on the UI thread (the console's {@code Platform::runLater}, a test's direct executor)
     * @param report shows what happened or went wrong, in the window's status bar
     */
    public DriftModel(
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
        selected.addListener((observable, old, drift) -> {
            variants.setAll(drift == null ? List.of() : drift.variants());
            left.set(drift == null ? null : drift.variants().get(0));
            right.set(drift == null ? null : drift.variants().get(1));
        });
        left.addListener((observable, old, variant) -> compare());
        right.addListener((observable, old, variant) -> compare());
    }

    /** Reads each pipeline's file from every agent declaring it (one agent per history) and finds the drifts. */
    public void check() {
        List<DriftScan.Agent> agents = SharedHistories.onePerHistory(sessions).stream()
                .map(session -> new DriftScan.Agent(
                        session.name(),
                        session.client(),
                        session.pipelines().stream().map(row -> row.id()).toList()))
                .toList();
        busy.set(true);
        status.set("Reading the pipelines of " + agents.size() + (agents.size() == 1 ? " agent…" : " agents…"));
        io.execute(() -> {
            try {
                DriftScan.Report found = DriftScan.scan(agents);
                ui.execute(() -> show(found));
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    status.set("Drift not checked: " + e);
                    failed("Drift not checked: " + e);
                });
            }
        });
    }

    private void show(DriftScan.Report found) {
        String kept = selected.get() == null ? null : selected.get().pipelineId();
        drifts.setAll(found.drifts());
        selected.set(found.drifts().stream()
                .filter(drift -> drift.pipelineId().equals(kept))
                .findFirst()
                .orElse(found.drifts().isEmpty() ? null : found.drifts().get(0)));
        String summary = found.compared() == 0
                ? "No pipeline is declared by several agents"
                : found.compared() + (found.compared() == 1 ? " pipeline" : " pipelines") + " on several agents: "
                        + (found.drifts().isEmpty()
                                ? "all the same"
                                : found.drifts().size() + " drifted");
        status.set(
                found.problems().isEmpty()
                        ? summary
                        : summary + " · not compared: " + String.join("; ", found.problems()));
        busy.set(false);
    }

    private void compare() {
        Drift.Variant from = left.get();
        Drift.Variant to = right.get();
        long asked = ++diffs;
        Drift drift = selected.get();
        targets.setAll(
                drift == null || from == null
                        ? List.of()
                        : drift.holders().stream()
                                .filter(holder -> !from.heldBy(holder.agent()))
                                .map(Drift.Holder::agent)
                                .toList());
        target.set(
                to != null && from != null && !to.equals(from)
                        ? to.holders().get(0).agent()
                        : targets.isEmpty() ? null : targets.get(0));
        if (from == null || to == null) {
            rows.clear();
            return;
        }
        io.execute(() -> {
            List<SideBySide.Row> compared = SideBySide.of(from.text(), to.text());
            ui.execute(() -> {
                if (asked == diffs) {
                    rows.setAll(compared);
                }
            });
        });
    }

    /**
     * Copies the left text onto the chosen target agent: asks the target to validate it, shows that verdict and
     * waits for the user's confirmation, then saves it with the version read at the check (refused if the file
     * changed there since), and checks the drift again.
     */
    public void copy() {
        Drift drift = selected.get();
        Drift.Variant from = left.get();
        Optional<Drift.Holder> onto = drift == null || from == null
                ? Optional.empty()
                : drift.holders().stream()
                        .filter(holder -> holder.agent().equals(target.get()) && !from.heldBy(holder.agent()))
                        .findFirst();
        Optional<AgentSession> session = onto.flatMap(holder -> session(holder.agent()));
        if (onto.isEmpty() || session.isEmpty()) {
            report.accept("Choose a pipeline, the version to copy and an agent that holds another version");
            return;
        }
        Drift.Holder holder = onto.get();
        AgentSession to = session.get();
        long changed = SideBySide.changes(rows);
        busy.set(true);
        io.execute(() -> {
            try {
                ValidationRequests.Verdict verdict = new ValidationRequests(to.client())
                        .validate(Path.of(holder.file()).getFileName().toString(), from.text());
                ui.execute(() -> confirm(new CopyPreview(drift.pipelineId(), from, holder, verdict, changed), to));
            } catch (RuntimeException e) {
                ui.execute(() -> failed(
                        "Not copied: " + holder.agent() + " could not validate the text: " + FailureReason.of(e)));
            }
        });
    }

    private void confirm(CopyPreview preview, AgentSession to) {
        boolean confirmed = dialogs.confirmCopy(preview); // shown also when refused: the user sees why
        if (!preview.allowed() || !confirmed) {
            busy.set(false);
            if (!preview.allowed()) {
                long errors = preview.verdict().errorCount();
                report.accept("Not copied: " + to.name() + " finds " + errors + (errors == 1 ? " error" : " errors")
                        + " in the text");
            }
            return;
        }
        io.execute(() -> {
            try {
                to.client()
                        .saveSource(
                                preview.pipelineId(),
                                preview.from().text(),
                                preview.target().version());
                ui.execute(() -> {
                    report.accept("Copied " + preview.pipelineId() + " from "
                            + preview.from().agents() + " to " + to.name());
                    to.refresh();
                    check();
                });
            } catch (AgentException e) {
                ui.execute(() -> failed("Not copied to " + to.name() + ": "
                        + (e.status() == 409 ? e.getMessage() + "; check drift again" : FailureReason.of(e))));
            } catch (RuntimeException e) {
                ui.execute(() -> failed("Not copied to " + to.name() + ": " + e));
            }
        });
    }

    private void failed(String message) {
        busy.set(false);
        report.accept(message);
    }

    private Optional<AgentSession> session(String name) {
        return sessions.stream().filter(session -> session.name().equals(name)).findFirst();
    }

    public ObservableList<Drift> drifts() {
        return drifts;
    }

    public ObjectProperty<Drift> selectedProperty() {
        return selected;
    }

    /** The selected pipeline's texts, to choose the left and the right one from. */
    public ObservableList<Drift.Variant> variants() {
        return variants;
    }

    /** The text shown on the left: the one "copy" copies. */
    public ObjectProperty<Drift.Variant> leftProperty() {
        return left;
    }

    public ObjectProperty<Drift.Variant> rightProperty() {
        return right;
    }

    /** The left and right texts side by side. */
    public ObservableList<SideBySide.Row> rows() {
        return rows;
    }

    /** The agents the left text can be copied to: those holding another text of the pipeline. */
    public ObservableList<String> targets() {
        return targets;
    }

    public ObjectProperty<String> targetProperty() {
        return target;
    }

    /** True while agents are read or a copy is on its way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
