package dev.orchestrator.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/** The JavaFX toolkit of the console benchmarks that draw: headless (Monocle, software rendering), in this JVM. */
final class HeadlessFx {

    private HeadlessFx() {}

    /** Starts the toolkit; call before the first JavaFX class is touched, and {@link Platform#exit()} at the end. */
    static void start() throws InterruptedException {
        // the glass platform is chosen once, at start-up
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result, or rethrows its failure. */
    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        });
        return result.get();
    }
}
