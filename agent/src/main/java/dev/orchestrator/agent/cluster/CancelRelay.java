package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.store.CancelRequestStore;
import dev.orchestrator.agent.store.CancelRequestStore.CancelRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Carries out, on the agent running a run, the cancels other agents of its cluster were asked for (SPEC 11):
 * every interval it takes this agent's requests from the database and cancels those runs. A request for a run no
 * longer active here (it ended meanwhile) is dropped. Thread-safe.
 */
public final class CancelRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CancelRelay.class);

    private final CancelRequestStore requests;
    private final String agentId;
    private final BiPredicate<String, String> cancel;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "cancel-relay");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param cancel cancels an active run of this agent given its id and the reason; false when it is not active
     */
    public CancelRelay(CancelRequestStore requests, String agentId, BiPredicate<String, String> cancel) {
        this.requests = requests;
        this.agentId = agentId;
        this.cancel = cancel;
    }

    public CancelRelay start(Duration every) {
        timer.scheduleWithFixedDelay(this::relay, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Cancels the runs asked for now; returns how many were active here and are being cancelled. */
    int relay() {
        try {
            int cancelled = 0;
            for (CancelRequest request : requests.takeFor(agentId)) {
                if (cancel.test(request.runId(), request.reason())) {
                    cancelled++;
                    LOG.info("run {} cancelled, as another agent of the cluster was asked: {}", request.runId(),
                            request.reason());
                }
            }
            return cancelled;
        } catch (RuntimeException e) {
            // a database out of reach now and then must not stop the relay for good
            LOG.warn("taking cancel requests failed, trying again shortly: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
