package dev.orchestrator.agent.execute;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code max_instances} admission of every pipeline on this agent: how many of its runs hold a slot, and
 * which wait, queued, for one to come free.
 *
 * <p>Thread-safe, with one lock per pipeline: creating a run writes to the database, and runs of different
 * pipelines must not wait for each other's writes (200 pipelines due in one second measured 1.3 s with one
 * global lock).
 */
final class PipelineSlots {

    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<RunCoordinator>> queued = new ConcurrentHashMap<>();

    /** A run admitted by {@link #admit}: it holds a slot and starts now, or it waits in the queue. */
    record Admitted(RunCoordinator run, boolean startNow) {}

    /** Runs of the pipeline holding a slot now, queued ones not counted. */
    int running(String pipelineId) {
        synchronized (lockOf(pipelineId)) {
            return running.getOrDefault(pipelineId, 0);
        }
    }

    /** Runs waiting for a free slot of their pipeline; read without their locks, so close, not exact. */
    int queued() {
        return queued.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /**
     * Under the pipeline's lock, so that no other run of it is counted meanwhile: creates the run with
     * {@code create} (which commits its row), and gives it a slot when one is free, or queues it.
     *
     * @param skipWhenBusy when every slot is taken, create nothing
     * @return empty when it was skipped
     */
    Optional<Admitted> admit(
            String pipelineId, int maxInstances, boolean skipWhenBusy, Supplier<RunCoordinator> create) {
        synchronized (lockOf(pipelineId)) {
            boolean startNow = running.getOrDefault(pipelineId, 0) < maxInstances;
            if (!startNow && skipWhenBusy) {
                return Optional.empty();
            }
            RunCoordinator run = create.get();
            // the run's row is committed: from here on, whatever fails ends it as crashed, never leaves it queued
            if (startNow) {
                running.merge(pipelineId, 1, Integer::sum);
            } else {
                queued.computeIfAbsent(pipelineId, id -> new ArrayDeque<>()).add(run);
            }
            return Optional.of(new Admitted(run, startNow));
        }
    }

    /** A run takes a slot whatever the count (one decided elsewhere, or taken over). */
    void take(String pipelineId) {
        synchronized (lockOf(pipelineId)) {
            running.merge(pipelineId, 1, Integer::sum);
        }
    }

    void release(String pipelineId) {
        synchronized (lockOf(pipelineId)) {
            running.merge(pipelineId, -1, Integer::sum);
        }
    }

    /**
     * A run of the pipeline ended: it frees its slot, or hands it to the next queued run.
     *
     * @param startNext false when the agent is stopping: queued runs stay queued
     * @return the queued run that takes the slot over, to be started
     */
    Optional<RunCoordinator> ended(String pipelineId, RunCoordinator run, boolean startNext) {
        synchronized (lockOf(pipelineId)) {
            ArrayDeque<RunCoordinator> waiting = queued.get(pipelineId);
            if (waiting != null && waiting.remove(run)) {
                return Optional.empty(); // cancelled while queued: it never held a slot
            }
            if (waiting != null && !waiting.isEmpty() && startNext) {
                return Optional.of(waiting.poll());
            }
            running.merge(pipelineId, -1, Integer::sum);
            return Optional.empty();
        }
    }

    private Object lockOf(String pipelineId) {
        return locks.computeIfAbsent(pipelineId, id -> new Object());
    }
}
