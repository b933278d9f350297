package dev.orchestrator.desktop.shell;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's last resort for exceptions nobody handled, on any thread (the FX thread's event handlers
 * included): logs each through SLF4J and shows it to the user on the UI thread. Thread safe.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);

    private final Executor ui;
    private final ErrorDialog dialog;

    /** @param ui runs work on the UI thread (the console's {@code Platform::runLater}, a test's direct executor) */
    public UncaughtErrors(Executor ui, ErrorDialog dialog) {
        this.ui = ui;
        this.dialog = dialog;
    }

    /** Handles every thread's uncaught exceptions from now on. */
    public UncaughtErrors install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        return this;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        String threadName = thread.getName();
        LOG.error("Uncaught exception on thread '{}'", threadName, error);
        try {
            ui.execute(() -> {
                try {
                    dialog.show(threadName, error);
                } catch (RuntimeException failed) {
                    // not thrown on: this handler would be called again for it, and again
                    LOG.error("Could not show the uncaught exception of thread '{}'", threadName, failed);
                }
            });
        } catch (RuntimeException stopped) {
            LOG.error("Could not show the uncaught exception of thread '{}': the UI has stopped", threadName, stopped);
        }
    }
}
