package dev.orchestrator.desktop.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's last resort for exceptions nobody handled, on any thread (the FX thread's event handlers
 * included): logs each through SLF4J and shows it to the user on the UI thread. Thread safe.
 *
 * <p>It never throws. On the FX thread, Glass calls this handler from its event loop; an exception out of it
 * leaves the loop, the FX thread dies (the JVM reports "... thrown from the UncaughtExceptionHandler in thread
 * JavaFX Application Thread") and the console freezes for good. So a log that cannot be written (the logger
 * writes to {@code System.err}, which can throw) still shows the dialog, and its failure goes to the process's
 * own standard error; what cannot be written there either is dropped.
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
        log("Uncaught exception on thread '" + threadName + "'", error);
        try {
            ui.execute(() -> {
                try {
                    dialog.show(threadName, error);
                } catch (RuntimeException failed) {
                    // not thrown on: this handler would be called again for it, and again
                    log("Could not show the uncaught exception of thread '" + threadName + "'", failed);
                }
            });
        } catch (RuntimeException stopped) {
            log("Could not show the uncaught exception of thread '" + threadName + "': the UI has stopped", stopped);
        }
    }

    private static void log(String message, Throwable error) {
        try {
            LOG.error(message, error);
        } catch (RuntimeException logFailed) {
            lastWords(message, error, logFailed);
        }
    }

    /** The process's standard error, not {@code System.err}: that is what the log could not write to. */
    private static void lastWords(String message, Throwable error, RuntimeException logFailed) {
        try {
            // not closed: that would close the process's standard error
            PrintStream stderr =
                    new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset());
            stderr.println(message + " (the log failed: " + logFailed + ")");
            error.printStackTrace(stderr);
        } catch (RuntimeException nowhereLeft) {
            // nothing left to write to; the dialog is what the user still gets
        }
    }
}
