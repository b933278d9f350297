package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.desktop.client.OperatorRequests;
import dev.orchestrator.desktop.session.AgentSession;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * A pipeline's history: the versions its agent loaded, newest first; the unified diff of the two selected (or of one
 * and the current version); and "Restore this version", confirmed through {@link PipelineDialogs} and saved with the
 * agent's conflict check against the file's version read with the list. Call on the UI thread.
 */
public final class PipelineHistoryModel {

    private final PipelineDialogs dialogs;
    private final Consumer<String> report;
    private final ObservableList<PipelineRevisionDto> revisions = FXCollections.observableArrayList();
    private final ObservableList<PipelineRevisionDto> selection = FXCollections.observableArrayList();
    private final SimpleStringProperty title = new SimpleStringProperty("Select a pipeline to see its history");
    private final SimpleStringProperty diffTitle = new SimpleStringProperty("");
    private final SimpleStringProperty diff = new SimpleStringProperty("");
    private final BooleanBinding canRestore = Bindings.createBooleanBinding(
            () -> selection.size() == 1 && !selection.get(0).current(), selection);
    private AgentSession session;
    private String pipelineId;
    private String version; // of the file, read with the list: what a restore is checked against
    private long asked; // answers to an older question (another selection) are dropped

    /** @param report shows what happened or went wrong, in the window's status bar */
    public PipelineHistoryModel(PipelineDialogs dialogs, Consumer<String> report) {
        this.dialogs = dialogs;
        this.report = report;
        selection.addListener((ListChangeListener<PipelineRevisionDto>) change -> showDiff());
    }

    /** Shows the history of this pipeline of this agent; nothing changes for the one shown already. */
    public void show(AgentSession agent, String pipeline) {
        if (agent == null || pipeline == null || (agent == session && pipeline.equals(pipelineId))) {
            return;
        }
        session = agent;
        pipelineId = pipeline;
        revisions.clear();
        selection.clear();
        reload();
    }

    /** Reads the list (and the file's version) again. */
    public void reload() {
        if (session == null) {
            return;
        }
        AgentSession reading = session;
        String id = pipelineId;
        title.set("History of " + id + " on " + reading.name());
        reading.ask(
                "Read the history of " + id,
                client -> new Listing(
                        new OperatorRequests(client).revisions(id),
                        client.source(id).version()),
                listing -> {
                    if (reading == session && id.equals(pipelineId)) {
                        version = listing.version();
                        revisions.setAll(listing.revisions());
                        title.set(listing.revisions().size()
                                + (listing.revisions().size() == 1 ? " version of " : " versions of ") + id + " on "
                                + reading.name() + ", newest first");
                    }
                },
                report);
    }

    private record Listing(List<PipelineRevisionDto> revisions, String version) {}

    private void showDiff() {
        long question = ++asked;
        diff.set("");
        if (selection.isEmpty() || selection.size() > 2) {
            diffTitle.set(selection.isEmpty() ? "" : "Select one or two versions");
            return;
        }
        PipelineRevisionDto current = revisions.stream()
                .filter(PipelineRevisionDto::current)
                .findFirst()
                .orElse(null);
        PipelineRevisionDto from;
        PipelineRevisionDto to;
        if (selection.size() == 2) { // from the older to the newer: the list is newest first
            boolean inOrder = revisions.indexOf(selection.get(0)) > revisions.indexOf(selection.get(1));
            from = inOrder ? selection.get(0) : selection.get(1);
            to = inOrder ? selection.get(1) : selection.get(0);
        } else if (current == null || selection.get(0).current()) {
            diffTitle.set("Revision " + selection.get(0).revision() + " is the current version");
            return;
        } else {
            from = selection.get(0);
            to = current;
        }
        diffTitle.set("Changes from revision " + from.revision() + " to " + to.revision()
                + (to.current() ? " (current)" : ""));
        String id = pipelineId;
        session.ask(
                "Compare revisions of " + id,
                client -> new OperatorRequests(client).revisionDiff(id, from.revision(), to.revision()),
                text -> {
                    if (question == asked) {
                        diff.set(text.isEmpty() ? "(the same lines)" : text);
                    }
                },
                report);
    }

    /** Asks, then saves the selected version's text as the pipeline's file, refused if the file changed since read. */
    public void restore() {
        if (!canRestore.get()) {
            return;
        }
        PipelineRevisionDto chosen = selection.get(0);
        if (!dialogs.confirmRestore(pipelineId, chosen, diff.get())) {
            return;
        }
        AgentSession restoring = session;
        String id = pipelineId;
        String read = version;
        report.accept("Restoring revision " + chosen.revision() + " of " + id);
        restoring.ask(
                "Restore revision " + chosen.revision() + " of " + id,
                client -> new OperatorRequests(client).restore(id, chosen.revision(), read),
                saved -> {
                    report.accept("Restored revision " + chosen.revision() + " of " + id + ": it runs from now on");
                    restoring.refresh();
                    reload();
                },
                problem -> {
                    report.accept(problem);
                    reload(); // a conflict: show what the file is now
                });
    }

    /** The versions, newest first. */
    public ObservableList<PipelineRevisionDto> revisions() {
        return revisions;
    }

    /** The versions selected; the view keeps it in step with its table. */
    public ObservableList<PipelineRevisionDto> selection() {
        return selection;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    /** What the diff shows: from which revision to which. */
    public ReadOnlyStringProperty diffTitleProperty() {
        return diffTitle;
    }

    /** The unified diff for the selection; empty while none is shown. */
    public ReadOnlyStringProperty diffProperty() {
        return diff;
    }

    /** One version is selected, and it is not the current one. */
    public BooleanBinding canRestoreProperty() {
        return canRestore;
    }

    /** The pipeline shown, or null. */
    public String pipelineId() {
        return pipelineId;
    }
}
