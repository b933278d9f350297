package dev.orchestrator.agent.execute;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Asks for one full collection when the engine turns idle after work (issue 16 item 12): after a burst of runs
 * the serial collector the agent runs on keeps the grown heap until a full collection (and G1, with other JVM
 * options, until its periodic one, which the idle agent's own small collections keep putting off); a full
 * collection shrinks the heap to {@code MaxHeapFreeRatio} at once.
 * <p>
 * Run it every few seconds. It collects when no run is active and runs have ended since it last collected, but
 * none in the interval before this check (a burst's short gaps between runs do not count as idle).
 */
public final class IdleMemory implements Runnable {

    private final IntSupplier activeRuns;
    private final LongSupplier endedRuns;
    private final Runnable collect;
    private long seen;
    private long collectedAt;

    /**
     * @param activeRuns runs going or queued now
     * @param endedRuns  runs ended since the engine started
     * @param collect    the collection, {@code System::gc} in the agent
     */
    public IdleMemory(IntSupplier activeRuns, LongSupplier endedRuns, Runnable collect) {
        this.activeRuns = activeRuns;
        this.endedRuns = endedRuns;
        this.collect = collect;
    }

    @Override
    public synchronized void run() {
        boolean busy = activeRuns.getAsInt() > 0;
        long ended = endedRuns.getAsLong();
        if (busy || ended != seen) {
            seen = ended;
            return;
        }
        if (ended != collectedAt) {
            collectedAt = ended;
            collect.run();
        }
    }
}
