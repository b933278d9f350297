package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.EventWaitStore;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's periodic work, each round on a worker ({@link EngineThreads#every}): the log lines of running
 * attempts written while they run, and the sweep for events that reached this agent's waits through another
 * agent (and for child runs of map items that ended on another). A failed round is said in the log and tried again at the next one. Thread-safe.
 */
final class EngineRounds {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRounds.class);
    private static final Duration LOG_FLUSH_INTERVAL = Duration.ofMillis(500);
    /** How often the store is asked for events that reached this agent's waits through another agent. */
    private static final Duration DELIVERY_SWEEP_INTERVAL = Duration.ofSeconds(2);

    private final EngineServices services;
    private final Collection<RunCoordinator> active;
    private final BiConsumer<String, String> eventDelivered;

    /**
     * @param active         the runs going on this agent (a live view)
     * @param eventDelivered tells the run (by id) that an event reached its task's (by id) wait
     */
    EngineRounds(
            EngineServices services, Collection<RunCoordinator> active, BiConsumer<String, String> eventDelivered) {
        this.services = services;
        this.active = active;
        this.eventDelivered = eventDelivered;
    }

    void start() {
        services.threads().every(LOG_FLUSH_INTERVAL, this::flushLogs);
        services.threads().every(DELIVERY_SWEEP_INTERVAL, this::sweepDeliveredEvents);
    }

    void flushLogs() {
        try {
            active.forEach(RunCoordinator::flushLogs);
        } catch (RuntimeException e) {
            LOG.warn("writing task logs failed; they are written when their attempts end: {}", e.getMessage());
        }
    }

    private void sweepDeliveredEvents() {
        try {
            for (EventWaitStore.DeliveredWait wait :
                    services.waits().deliveredWaits(services.settings().agentId())) {
                eventDelivered.accept(wait.runId(), wait.taskId());
            }
            services.calls().sweepItemWaits();
        } catch (RuntimeException e) {
            LOG.warn("looking for delivered events failed; the next sweep tries again: {}", e.getMessage());
        }
    }
}
