package dev.orchestrator.desktop.run;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * While a map (a {@code for_each} task) runs, its items start and end without a task event: at each tick of the run's
 * clock the run's detail, with the map's counts, is read again, at most about once per {@link RunClock#TICK} (the clock also ticks when a detail arrives).
 */
final class MapTicks implements ChangeListener<Instant> {

    private final BooleanSupplier mapRunning;
    private final Runnable readAgain;
    private Instant readAt = Instant.EPOCH;

    MapTicks(BooleanSupplier mapRunning, Runnable readAgain) {
        this.mapRunning = mapRunning;
        this.readAgain = readAgain;
    }

    @Override
    public void changed(ObservableValue<? extends Instant> observable, Instant old, Instant now) {
        if (now != null && !now.isBefore(readAt.plus(RunClock.TICK.dividedBy(2))) && mapRunning.getAsBoolean()) {
            readAt = now;
            readAgain.run();
        }
    }
}
