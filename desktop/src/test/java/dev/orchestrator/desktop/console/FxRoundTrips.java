package dev.orchestrator.desktop.console;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Round trips to the FX thread (Platform.runLater and back) one after another on a thread of their own: the slowest
 * says how long the window was frozen while a screen loaded something large.
 */
final class FxRoundTrips {

    private final AtomicBoolean going = new AtomicBoolean(true);
    private final AtomicLong slowestNanos = new AtomicLong();
    private final Thread thread = new Thread(this::measure, "fx-round-trips");

    private FxRoundTrips() {}

    static FxRoundTrips start() {
        FxRoundTrips trips = new FxRoundTrips();
        trips.thread.start();
        return trips;
    }

    private void measure() {
        while (going.get()) {
            long started = System.nanoTime();
            CountDownLatch back = new CountDownLatch(1);
            Platform.runLater(back::countDown);
            try {
                back.await();
                slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return the slowest round trip, in milliseconds */
    long stop() throws InterruptedException {
        going.set(false);
        thread.join(10_000);
        return TimeUnit.NANOSECONDS.toMillis(slowestNanos.get());
    }
}
