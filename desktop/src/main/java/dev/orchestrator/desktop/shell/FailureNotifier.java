package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.session.AgentSession;
import java.util.Set;
import java.util.function.Supplier;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** A desktop notification when a run fails or crashes, on any agent, so nobody has to watch the screen. */
public final class FailureNotifier {

    private static final Set<String> FAILED = Set.of("failed", "crashed");

    private final boolean enabled;
    private final Supplier<Window> owner;

    /** @param enabled off in tests and screenshot runs, where a popup would cover the window */
    public FailureNotifier(boolean enabled) {
        this(enabled, () -> null);
    }

    /**
     * @param owner the console's window: without one, ControlsFX makes a stage of the screen's size for each popup
     *     and never lets it go (issue 22: a failed run every 20 s grew the console by 20 MB a minute)
     */
    public FailureNotifier(boolean enabled, Supplier<Window> owner) {
        this.enabled = enabled;
        this.owner = owner;
    }

    /** On the FX thread. */
    public void eventArrived(AgentSession session, AgentSession.RunEvent event) {
        if (!enabled
                || !event.type().equals("run")
                || !FAILED.contains(event.data().path("status").asText())) {
            return;
        }
        Notifications.create()
                .owner(owner.get())
                .title("Run " + event.data().path("status").asText() + " on " + session.name())
                .text(event.data().path("pipeline_id").asText() + " · " + event.runId())
                .hideAfter(Duration.seconds(8))
                .showError();
    }
}
