package dev.orchestrator.desktop.approvals;

import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The tasks waiting for approval on every agent, the longest-waiting first; approving or rejecting the selected one
 * with the comment typed. Agents of one cluster list the same approvals, which are shown once. Call on the UI thread.
 */
public final class ApprovalsModel {

    /** An approval and the agent it is listed by (the one asked to decide it). */
    public record Row(String agent, ApprovalDto approval) {}

    private final ObservableList<AgentSession> sessions;
    private final Clock clock;
    private final Consumer<String> report;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty comment = new SimpleStringProperty("");

    /** @param report shows a sentence in the status line: what is being decided, or why it failed */
    public ApprovalsModel(ObservableList<AgentSession> sessions, Clock clock, Consumer<String> report) {
        this.sessions = sessions;
        this.clock = clock;
        this.report = report;
        SharedHistories.watch(sessions, session -> List.of(session.approvals()), this::rebuild);
        rebuild();
    }

    /** The connected agents: a view shows its agent column only when there are several. */
    public ObservableList<AgentSession> sessions() {
        return sessions;
    }

    private void rebuild() {
        List<Row> all = new ArrayList<>();
        SharedHistories.onePerHistory(sessions)
                .forEach(session ->
                        session.approvals().forEach(approval -> all.add(new Row(session.name(), approval))));
        all.sort(Comparator.comparing(
                (Row row) -> OffsetDateTime.parse(row.approval().waitingSince())));
        rows.setAll(all);
    }

    /** The waiting approvals, the longest-waiting first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The row the buttons act on; null when none is selected. */
    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public StringProperty commentProperty() {
        return comment;
    }

    /** How long the task has waited, as {@link Format#duration} says it. */
    public String waited(Row row) {
        OffsetDateTime since = OffsetDateTime.parse(row.approval().waitingSince());
        return Format.duration(
                Duration.between(since.toInstant(), clock.instant()).toMillis());
    }

    /** Approves the selected task, with the comment, in the name of its agent's token. */
    public void approve() {
        decide(true);
    }

    /** Rejects the selected task: it fails and is not retried. */
    public void reject() {
        decide(false);
    }

    private void decide(boolean approve) {
        Row row = selected.get();
        if (row == null) {
            return;
        }
        AgentSession session = sessions.stream()
                .filter(candidate -> candidate.name().equals(row.agent()))
                .findFirst()
                .orElse(null);
        if (session == null) {
            report.accept("agent " + row.agent() + " is no longer connected");
            return;
        }
        ApprovalDto approval = row.approval();
        String what = (approve ? "Approve " : "Reject ") + approval.taskId() + " of run " + approval.runId();
        String text = comment.get() == null ? "" : comment.get().strip();
        report.accept(what + (text.isEmpty() ? "" : " (" + text + ")"));
        session.perform(
                what, () -> session.client().decide(approval.runId(), approval.taskId(), approve, text), report);
        comment.set("");
    }
}
