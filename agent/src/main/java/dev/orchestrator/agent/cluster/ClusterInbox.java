package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.store.CancelRequestStore;
import dev.orchestrator.agent.store.CancelRequestStore.CancelRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other agents of the cluster left in the database for this one, carried out every interval (SPEC 11): the
 * cancels they were asked for, of runs this agent runs, and the scheduled runs they handed to it because it had
 * less going ({@link LeastBusyPlacement}). A cancel for a run no longer active here (it ended meanwhile) is
 * dropped. Thread-safe.
 */
public final class ClusterInbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterInbox.class);

    private final CancelRequestStore requests;
    private final String agentId;
    private final BiPredicate<String, String> cancel;
    private final Supplier<List<String>> startHandedOver;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "cluster-inbox");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param cancel          cancels an active run of this agent given its id and the reason; false when it is not
     *                        active
     * @param startHandedOver starts the runs handed to this agent; returns their ids
     */
    public ClusterInbox(
            CancelRequestStore requests,
            String agentId,
            BiPredicate<String, String> cancel,
            Supplier<List<String>> startHandedOver) {
        this.requests = requests;
        this.agentId = agentId;
        this.cancel = cancel;
        this.startHandedOver = startHandedOver;
    }

    public ClusterInbox start(Duration every) {
        timer.scheduleWithFixedDelay(
                () -> {
                    startHandedOver();
                    cancelRequested();
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Starts the runs handed to this agent; returns how many. */
    int startHandedOver() {
        try {
            List<String> started = startHandedOver.get();
            if (!started.isEmpty()) {
                LOG.debug("started {} run(s) handed over by other agents: {}", started.size(), started);
            }
            return started.size();
        } catch (RuntimeException e) {
            // a database out of reach now and then must not stop the inbox for good
            LOG.warn("taking runs handed over failed, trying again shortly: {}", e.toString());
            return 0;
        }
    }

    /** Cancels the runs asked for now; returns how many were active here and are being cancelled. */
    int cancelRequested() {
        try {
            int cancelled = 0;
            for (CancelRequest request : requests.takeFor(agentId)) {
                if (cancel.test(request.runId(), request.reason())) {
                    cancelled++;
                    LOG.info(
                            "run {} cancelled, as another agent of the cluster was asked: {}",
                            request.runId(),
                            request.reason());
                }
            }
            return cancelled;
        } catch (RuntimeException e) {
            LOG.warn("taking cancel requests failed, trying again shortly: {}", e.toString());
            return 0;
        }
    }

    /** Stops after the round under way, if any: no interrupts, which would land in a database call. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
