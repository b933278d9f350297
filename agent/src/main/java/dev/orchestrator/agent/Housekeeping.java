package dev.orchestrator.agent;

import dev.orchestrator.agent.execute.IdleMemory;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.store.RunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The agent's periodic chores on one daemon thread: deleting history past its retention once a day, and giving
 * the grown heap back once the engine is idle after a burst of runs (issue 16 item 12).
 */
final class Housekeeping {

    private Housekeeping() {}

    /** Starts the chores; shut the returned executor down to stop them. */
    static ScheduledExecutorService start(
            RunStore store,
            List<ToIntFunction<Instant>> alsoPurged,
            Path outputs,
            Duration retention,
            RunExecutor executor,
            Clock clock) {
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleAtFixedRate(
                new RetentionJob(store, alsoPurged, outputs, retention, clock), 1, 24 * 60, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(
                new IdleMemory(executor::activeRunCount, executor::endedRunCount, System::gc), 5, 5, TimeUnit.SECONDS);
        return housekeeping;
    }
}
