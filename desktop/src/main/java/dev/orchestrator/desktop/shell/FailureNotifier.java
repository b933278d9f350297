package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.session.AgentSession;
import java.util.Set;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** A desktop notification when a run fails or crashes, on any agent, so nobody has to watch the screen. */
public final class FailureNotifier {

    private static final Set<String> FAILED = Set.of("failed", "crashed");

    private final boolean enabled;

    /** @param enabled off in tests and screenshot runs, where a popup would cover the window */
    public FailureNotifier(boolean enabled) {
        this.enabled = enabled;
    }

    /** On the FX thread. */
    public void eventArrived(AgentSession session, AgentSession.RunEvent event) {
        if (!enabled
                || !event.type().equals("run")
                || !FAILED.contains(event.data().path("status").asText())) {
            return;
        }
        Notifications.create()
                .title("Run " + event.data().path("status").asText() + " on " + session.name())
                .text(event.data().path("pipeline_id").asText() + " · " + event.runId())
                .hideAfter(Duration.seconds(8))
                .showError();
        UncachedNotificationBars.uncache();
    }
}
