package dev.orchestrator.desktop.run;

import dev.orchestrator.api.RunDto;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The time a run's live figures are computed at: it ticks each second while the run has not ended (the
 * duration and the timeline of a running run grow), and stops at the run's end, whose figures are fixed.
 * Used on the UI thread; the ticks come from the timer through the UI executor.
 */
final class RunClock implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer;
    private final Executor ui;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> duration = new ReadOnlyObjectWrapper<>();
    private RunDto run;
    private ScheduledFuture<?> ticking;
    private boolean closed;

    RunClock(ScheduledExecutorService timer, Executor ui, Clock clock) {
        this.timer = timer;
        this.ui = ui;
        this.clock = clock;
        this.now.set(clock.instant());
    }

    /**
     * The run as read last: ticks while it has not ended, stops once it has. A read that comes back after the run
     * screen closed starts nothing: its ticks would keep the closed screen alive, and ticking, for good.
     */
    void follow(RunDto current, boolean ended) {
        if (closed) {
            return;
        }
        run = current;
        if (ended && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        } else if (!ended && ticking == null) {
            long millis = TICK.toMillis();
            ticking = timer.scheduleAtFixedRate(() -> ui.execute(this::tick), millis, millis, TimeUnit.MILLISECONDS);
        }
        tick();
    }

    private void tick() {
        now.set(clock.instant());
        duration.set(
                run == null || run.startedAt() == null
                        ? null
                        : Duration.between(
                                        run.startedAt().toInstant(),
                                        run.finishedAt() != null
                                                ? run.finishedAt().toInstant()
                                                : now.get())
                                .toMillis());
    }

    boolean isTicking() {
        return ticking != null;
    }

    ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The run's duration: to its end, or to now while it runs; null before it started. */
    ReadOnlyObjectProperty<Long> durationProperty() {
        return duration.getReadOnlyProperty();
    }

    @Override
    public void close() {
        closed = true;
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
