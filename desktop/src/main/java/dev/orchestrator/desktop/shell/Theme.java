package dev.orchestrator.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/** Light or dark: AtlantaFX's Primer themes for the controls, plus the console's own stylesheet. */
public final class Theme {

    private static final String CONSOLE_CSS =
            Theme.class.getResource("/dev/orchestrator/desktop/console.css").toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty();

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

    /** Sets the theme for every window of the application; call on the FX thread. */
    public void applyToApplication() {
        Application.setUserAgentStylesheet(
                dark.get() ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public void style(Scene scene) {
        if (!scene.getStylesheets().contains(CONSOLE_CSS)) {
            scene.getStylesheets().add(CONSOLE_CSS);
        }
    }
}
