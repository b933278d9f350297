package dev.orchestrator.desktop.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testsupport.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** An exception nobody caught, on any thread, is logged and shown to the user; the dialog is answered here. */
@IntegrationTest
class UncaughtErrorsTest {

    private final List<String> shown = new CopyOnWriteArrayList<>();

    private void throwOn(String threadName, Thread.UncaughtExceptionHandler handler, RuntimeException error)
            throws InterruptedException {
        Thread thread = new Thread(
                () -> {
                    throw error;
                },
                threadName);
        thread.setUncaughtExceptionHandler(handler);
        thread.start();
        thread.join(Duration.ofSeconds(20).toMillis());
    }

    /** What SLF4J's simple logger (the console's) writes to standard error while {@code action} runs. */
    private static String logOf(ThrowingRunnable action) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(log, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return log.toString(UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void anExceptionNobodyCaughtIsLoggedWithItsStackTraceAndShown() throws Exception {
        UncaughtErrors errors =
                new UncaughtErrors(Runnable::run, (thread, error) -> shown.add(thread + ": " + error.getMessage()));

        String log = logOf(() -> throwOn("console-io", errors, new IllegalStateException("the disk is full")));

        assertThat(shown).containsExactly("console-io: the disk is full");
        assertThat(log)
                .contains("Uncaught exception on thread 'console-io'")
                .contains("java.lang.IllegalStateException: the disk is full")
                .contains("\tat ");
    }

    @Test
    void aDialogThatCannotShowIsLoggedAndNotThrownAgain() throws Exception {
        UncaughtErrors errors = new UncaughtErrors(Runnable::run, (thread, error) -> {
            throw new IllegalStateException("no window to show it in");
        });

        String log = logOf(() -> throwOn("console-timer", errors, new IllegalArgumentException("bad value")));

        assertThat(log)
                .contains("Uncaught exception on thread 'console-timer'")
                .contains("IllegalArgumentException: bad value")
                .contains("Could not show the uncaught exception of thread 'console-timer'")
                .contains("IllegalStateException: no window to show it in");
    }

    @Test
    void aLogThatCannotBeWrittenStillShowsTheErrorAndThrowsNothing() throws Exception {
        UncaughtErrors errors =
                new UncaughtErrors(Runnable::run, (thread, error) -> shown.add(thread + ": " + error.getMessage()));
        Thread current = Thread.currentThread();

        withBrokenStandardError(() -> assertThatCode(
                        () -> errors.uncaughtException(current, new IllegalStateException("the disk is full")))
                .doesNotThrowAnyException());

        assertThat(shown).containsExactly(current.getName() + ": the disk is full");
    }

    @Test
    void onceInstalledItHearsTheFxThreadsEventHandlers() throws Exception {
        FxToolkit.registerPrimaryStage();
        assertThatTheFxThreadUsesTheDefaultHandler();

        withInstalled(
                new UncaughtErrors(
                        Platform::runLater, (thread, error) -> shown.add(thread + ": " + error.getMessage())),
                () -> {
                    CountDownLatch waiting = new CountDownLatch(1);
                    breakAButtonsHandlerWhile(waiting);

                    awaitShown("JavaFX Application Thread: a button's handler broke", waiting);
                });
    }

    /** Glass calls the handler from the FX thread's event loop: had it thrown, the FX thread would have died. */
    @Test
    void theFxThreadGoesOnWhenTheLogCannotBeWritten() throws Exception {
        FxToolkit.registerPrimaryStage();
        assertThatTheFxThreadUsesTheDefaultHandler();

        withInstalled(
                new UncaughtErrors(
                        Platform::runLater, (thread, error) -> shown.add(thread + ": " + error.getMessage())),
                () -> withBrokenStandardError(() -> {
                    CountDownLatch waiting = new CountDownLatch(1);
                    breakAButtonsHandlerWhile(waiting);

                    awaitShown("JavaFX Application Thread: a button's handler broke", waiting);
                }));

        assertThat(WaitForAsyncUtils.asyncFx(() -> "still running").get(20, TimeUnit.SECONDS))
                .isEqualTo("still running");
    }

    /** An event handler on the FX thread throws once the test waits for what the user is shown, as a click would. */
    private static void breakAButtonsHandlerWhile(CountDownLatch waiting) {
        Platform.runLater(() -> {
            try {
                waiting.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("a button's handler broke");
        });
    }

    /**
     * Waits with the handler under test in place. Awaitility by default makes itself the default handler while it
     * waits (to fail the wait on any thread's exception): an exception then went to it, not to the handler under
     * test, and failed the test; and it installs itself before it has its fields, so an exception at that moment
     * made its handler throw a NullPointerException, which killed the FX thread for every later test in the JVM.
     */
    private void awaitShown(String expected, CountDownLatch waiting) {
        await("the error shown")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    waiting.countDown();
                    return shown.contains(expected);
                });
    }

    /**
     * The console's FX thread has no handler of its own and hands its exceptions to the default one; TestFX gives
     * it none either (its thread group answers), so these tests change the default handler only, and put it back.
     */
    private static void assertThatTheFxThreadUsesTheDefaultHandler() throws Exception {
        Thread fx = WaitForAsyncUtils.asyncFx(Thread::currentThread).get(20, TimeUnit.SECONDS);
        assertThat(fx.getUncaughtExceptionHandler())
                .as("the FX thread's handler is its thread group, which calls the default one")
                .isSameAs(fx.getThreadGroup());
    }

    /** Test classes share a JVM (failsafe reuses its forks): the default handler is put back whatever happens. */
    private static void withInstalled(UncaughtErrors errors, ThrowingRunnable action) throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        errors.install();
        try {
            action.run();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** Standard error (where the console's logger writes) throws on every write while {@code action} runs. */
    private static void withBrokenStandardError(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        System.setErr(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        throw new IllegalStateException("standard error is gone");
                    }
                },
                true,
                UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
    }
}
