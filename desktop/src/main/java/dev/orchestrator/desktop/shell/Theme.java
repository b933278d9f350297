package dev.orchestrator.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Light or dark: AtlantaFX's Primer themes for the controls, plus the console's own stylesheet. */
public final class Theme {

    private static final String CONSOLE_CSS =
            Theme.class.getResource("/dev/orchestrator/desktop/console.css").toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty();

    /**
     * Gives every window shown after the theme is applied (the dialogs: alerts, confirmations, forms) the console's
     * style sheet, as the main window has it: their scroll panes (a text area's, a form's) then drop the viewport's
     * bitmap cache too ({@code UncachedScrollPaneSkin}, issue 22), and they read as the console does. Stages only:
     * tooltips, menus and notification popups are JavaFX's or ControlsFX's own. The application's list of windows
     * holds it (and this theme) for as long as the application runs, as the application holds its theme.
     */
    private final ListChangeListener<Window> styleShownWindows = change -> {
        while (change.next()) {
            for (Window window : change.getAddedSubList()) {
                if (window instanceof Stage && window.getScene() != null) {
                    style(window.getScene());
                }
            }
        }
    };

    private boolean stylingShownWindows;

    public Theme(boolean dark) {
        this.dark.set(dark);
        this.dark.addListener((observable, old, isDark) -> applyToApplication());
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public boolean isDark() {
        return dark.get();
    }

    public void toggle() {
        dark.set(!dark.get());
    }

    /** Sets the theme for every window of the application, dialogs included; call on the FX thread. */
    public void applyToApplication() {
        if (!stylingShownWindows) {
            stylingShownWindows = true;
            Window.getWindows().addListener(styleShownWindows);
        }
        Application.setUserAgentStylesheet(
                dark.get() ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public void style(Scene scene) {
        if (!scene.getStylesheets().contains(CONSOLE_CSS)) {
            scene.getStylesheets().add(CONSOLE_CSS);
        }
    }
}
