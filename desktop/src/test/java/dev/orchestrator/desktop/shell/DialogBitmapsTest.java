package dev.orchestrator.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.ui.EffectImages;
import dev.orchestrator.desktop.ui.UncachedScrollPaneSkin;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22: a dialog's scroll panes (the text area of an error's details, of a diff to confirm) keep no bitmap of
 * JavaFX's effect image pool once the dialog is gone. Dialogs are windows of their own: the console's style sheet,
 * which gives scroll panes the uncached skin, reaches them through the theme, not through the main window's scene.
 */
@ExtendWith(ApplicationExtension.class)
class DialogBitmapsTest {

    private Stage main;

    @Start
    void start(Stage stage) {
        Theme theme = new Theme(false);
        theme.applyToApplication();
        Scene scene = new Scene(new BorderPane(), 1280, 800);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
        main = stage;
    }

    @Test
    void tenErrorAlertsWithTheirDetailsShownAndClosedLeaveNoBitmapInUse() throws Exception {
        int before = EffectImages.inUse();
        for (int shown = 0; shown < 10; shown++) {
            List<String> skins =
                    WaitForAsyncUtils.asyncFx(this::showDrawAndClose).get(30, TimeUnit.SECONDS);
            assertThat(skins)
                    .as("the skins of the alert's scroll panes")
                    .isNotEmpty()
                    .allMatch(skin -> skin.equals(UncachedScrollPaneSkin.class.getSimpleName()));
        }
        System.gc();

        assertThat(EffectImages.inUse() - before)
                .as("bitmaps of the effect image pool still in use after ten alerts came and went")
                .isLessThanOrEqualTo(1);
    }

    /** An error alert as the console shows one, its details opened and drawn, then closed by its OK button. */
    private List<String> showDrawAndClose() {
        new ErrorAlert().show("test", new IllegalStateException("a bug"));
        Window alert = Window.getWindows().stream()
                .filter(window -> window != main && window.getScene().getRoot() instanceof DialogPane)
                .findFirst()
                .orElseThrow();
        DialogPane pane = (DialogPane) alert.getScene().getRoot();
        pane.setExpanded(true);
        alert.getScene().getRoot().applyCss();
        alert.getScene().getRoot().layout();
        alert.getScene().snapshot(null); // drawn now, through its nodes and their bitmap caches
        List<String> skins = pane.lookupAll(".scroll-pane").stream()
                .map(Node.class::cast)
                .map(node -> ((ScrollPane) node).getSkin())
                .map(skin -> skin == null ? "none" : skin.getClass().getSimpleName())
                .toList();
        ((Button) pane.lookupButton(ButtonType.OK)).fire();
        return skins;
    }
}
