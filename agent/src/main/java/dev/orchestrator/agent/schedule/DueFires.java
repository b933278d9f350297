package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.RunExecutor.ScheduledStart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Fires handed over ahead of their time (see {@link ScheduleService#LEAD}), each held here until the agent's
 * clock reaches it. One thread, the fire-starter, starts every fire whose time has come in one batch: a fire
 * alone waits for nothing, and 200 due in the same second share a handful of commits. Thread-safe.
 */
final class DueFires {

    /** Starts fires whose time has come; must not throw. */
    @FunctionalInterface
    interface Starter {
        void start(List<ScheduledStart> batch);
    }

    /** A fire handed over early, waiting for its time by the agent's clock. */
    private record DueFire(ScheduledStart start, Instant at, Clock clock) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            return at.compareTo(((DueFire) other).at);
        }
    }

    // a fire waits its delay by the clock as it read then; a clock set forward meanwhile is seen within this
    private static final Duration CLOCK_CHECK = Duration.ofSeconds(1);

    private final Clock clock;
    private final Starter starter;
    private final DelayQueue<DueFire> held = new DelayQueue<>();
    private final Thread fireStarter = new Thread(this::startDueFires, "fire-starter");
    // held while the fire-starter starts a batch, so that a stop waits for it instead of interrupting it midway
    private final Object starting = new Object();
    private volatile boolean stopped;

    DueFires(Clock clock, Starter starter) {
        this.clock = clock;
        this.starter = starter;
        fireStarter.setDaemon(true);
        fireStarter.start();
    }

    /** Holds the fire until the clock reaches {@code at}, then starts it. */
    void hold(ScheduledStart start, Instant at) {
        held.add(new DueFire(start, at, clock));
    }

    /** How many fires of the pipeline are held and not started yet. */
    long heldOf(String pipelineId) {
        return held.stream()
                .filter(fire -> fire.start().pipeline().id().equals(pipelineId))
                .count();
    }

    private void startDueFires() {
        try {
            while (true) {
                // the wait is computed from the clock: looked at again at least this often, in case it was set
                DueFire first = held.poll(CLOCK_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (starting) {
                    if (stopped) { // left for unstarted(), which gives it back
                        held.add(first);
                        return;
                    }
                    List<DueFire> due = new ArrayList<>();
                    due.add(first);
                    held.drainTo(due); // every other fire whose time has come
                    starter.start(due.stream().map(DueFire::start).toList());
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /** Starts no more fires: a batch being started ends first, the next one will not start. */
    void stop() {
        synchronized (starting) {
            stopped = true;
            fireStarter.interrupt();
        }
    }

    /** After {@link #stop()}: waits for the fire-starter to end, then gives up the fires it never started. */
    List<ScheduledStart> unstarted() {
        try {
            fireStarter.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DueFire> left = new ArrayList<>(held); // not drainTo, which takes only the fires whose time has come
        held.clear();
        return left.stream().map(DueFire::start).toList();
    }
}
