package dev.orchestrator.desktop;

import javafx.application.Application;

/**
 * The console's main class. It does not extend {@link Application}: started from a plain class path (a jar or
 * jpackage's launcher), JavaFX then loads from the class path instead of demanding modules.
 */
public final class ConsoleLauncher {

    private ConsoleLauncher() {}

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
