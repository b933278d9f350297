package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The runs active on this agent, by id, and how many have ended since the engine started. Thread-safe. */
final class ActiveRuns {

    private final Map<String, RunCoordinator> byId = new ConcurrentHashMap<>();
    private final AtomicLong ended = new AtomicLong();

    /** The live map, for the engine's rounds and its shutdown. */
    Map<String, RunCoordinator> byId() {
        return byId;
    }

    void add(RunCoordinator coordinator) {
        byId.put(coordinator.runId(), coordinator);
    }

    Optional<RunCoordinator> find(String runId) {
        return Optional.ofNullable(byId.get(runId));
    }

    /** A run ended (or was cancelled while queued): it is active no more. */
    void ended(RunCoordinator coordinator) {
        byId.remove(coordinator.runId());
        ended.incrementAndGet();
    }

    int count() {
        return byId.size();
    }

    long endedCount() {
        return ended.get();
    }

    /**
     * Waits for a run to end; empty when it does not end in time. A run not active here is read from the store:
     * its state when it has ended, else empty.
     */
    Optional<RunState> await(String runId, Duration timeout, RunStore store) throws InterruptedException {
        RunCoordinator coordinator = byId.get(runId);
        if (coordinator == null) {
            return store.findRun(runId).map(detail -> detail.run().status()).filter(RunState::isTerminal);
        }
        try {
            return Optional.of(coordinator.ended().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId + " ended with an engine error", e.getCause());
        }
    }
}
