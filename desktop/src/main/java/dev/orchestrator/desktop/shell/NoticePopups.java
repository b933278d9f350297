package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.notice.NoticesModel;
import java.util.function.Supplier;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows the console's notices (a new approval, a missed deadline) as desktop popups in a corner of the screen: not
 * modal, gone after a few seconds, as {@link FailureNotifier} shows failed runs.
 */
public final class NoticePopups {

    private final Supplier<Window> owner;

    /** @param owner the console's window, which the popups belong to (see {@link FailureNotifier}) */
    public NoticePopups(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** On the FX thread. */
    public void show(NoticesModel.Notice notice) {
        Notifications popup = Notifications.create()
                .owner(owner.get())
                .title(notice.title())
                .text(notice.text())
                .hideAfter(Duration.seconds(notice.kind() == NoticesModel.Kind.APPROVAL ? 15 : 10));
        if (notice.kind() == NoticesModel.Kind.APPROVAL) {
            popup.showInformation();
        } else {
            popup.showWarning();
        }
    }
}
