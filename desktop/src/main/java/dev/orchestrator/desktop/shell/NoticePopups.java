package dev.orchestrator.desktop.shell;

import dev.orchestrator.desktop.notice.NoticesModel;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows the console's notices (a new approval, a missed deadline) as desktop popups in a corner of the screen: not
 * modal, gone after a few seconds, as {@link FailureNotifier} shows failed runs.
 */
public final class NoticePopups {

    /** On the FX thread. */
    public void show(NoticesModel.Notice notice) {
        Notifications popup = Notifications.create()
                .title(notice.title())
                .text(notice.text())
                .hideAfter(Duration.seconds(notice.kind() == NoticesModel.Kind.APPROVAL ? 15 : 10));
        if (notice.kind() == NoticesModel.Kind.APPROVAL) {
            popup.showInformation();
        } else {
            popup.showWarning();
        }
        UncachedNotificationBars.uncache();
    }
}
