package dev.orchestrator.desktop.shell;

/**
 * Shows the user an error nobody handled. The console answers with an alert ({@link ErrorAlert}); a test
 * answers directly. Called on the UI thread.
 */
public interface ErrorDialog {

    /** @param threadName where it was thrown: {@code JavaFX Application Thread}, {@code console-io}, ... */
    void show(String threadName, Throwable error);
}
