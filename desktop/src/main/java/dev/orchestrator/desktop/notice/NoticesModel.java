package dev.orchestrator.desktop.notice;

import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.desktop.client.MissedDeadline;
import dev.orchestrator.desktop.session.AgentSession;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Tells of each new approval and each newly missed deadline once, on whichever agent lists it first (agents of a
 * cluster list the same ones). A task waiting for approval when the console starts is told too: it waits for someone.
 * The deadlines missed before the console's first read of an agent are not: the dashboard's Late tile shows them, and
 * a burst of old news at start would drown what is new. Call on the UI thread, where the sessions change their lists.
 */
public final class NoticesModel {

    /** What to tell: a title and a sentence. */
    public record Notice(Kind kind, String title, String text) {}

    /** What a notice is about, which decides how it looks. */
    public enum Kind {
        APPROVAL,
        DEADLINE
    }

    private final Consumer<Notice> show;
    private final Set<String> told = new HashSet<>();

    /** @param show shows a notice, on the UI thread */
    public NoticesModel(ObservableList<AgentSession> sessions, Consumer<Notice> show) {
        this.show = show;
        sessions.forEach(this::watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
            }
        });
    }

    private void watch(AgentSession session) {
        approvalsChanged(session, session.approvals());
        session.late().forEach(missed -> told.add(key(missed))); // read before the console watched: old news
        session.approvals().addListener((ListChangeListener<ApprovalDto>)
                change -> approvalsChanged(session, session.approvals()));
        session.late().addListener((ListChangeListener<MissedDeadline>) change -> deadlinesChanged(session));
    }

    private void approvalsChanged(AgentSession session, List<ApprovalDto> approvals) {
        for (ApprovalDto approval : approvals) {
            if (told.add("approval " + approval.runId() + " " + approval.taskId())) {
                show.accept(new Notice(
                        Kind.APPROVAL,
                        "Approval needed on " + session.name(),
                        approval.pipelineId() + " · " + approval.taskId() + ": " + approval.message()));
            }
        }
    }

    private void deadlinesChanged(AgentSession session) {
        // the session sets its lists before the time of its read: none yet means this is its first read
        boolean firstRead = session.updatedAtProperty().get() == null;
        for (MissedDeadline missed : session.late()) {
            if (told.add(key(missed)) && !firstRead) {
                show.accept(new Notice(
                        Kind.DEADLINE,
                        "Deadline missed on " + session.name(),
                        missed.pipelineId() + ": " + missed.deadline() + " · " + missed.situation()));
            }
        }
    }

    private static String key(MissedDeadline missed) {
        return "deadline " + missed.pipelineId() + " " + missed.scheduledFor().toInstant() + " " + missed.kind();
    }
}
