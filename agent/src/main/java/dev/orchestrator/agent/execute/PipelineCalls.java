package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of {@code pipeline:} calls (issue 19): starts child runs, posts a child's end for the task that
 * called it, and cancels a child whose caller stopped waiting. A calling task waits as an event wait does, in the
 * same store, for an event only the engine posts ({@link #EVENT}, outside the event names the API takes) keyed by
 * its child run's id, with the child's end state as payload: so the wait holds no thread and no slot, survives a
 * restart, and reaches its task on whichever agent of a cluster runs it, as any event wait does. The per-run part is
 * {@link CallWaiting}. Thread-safe.
 */
final class PipelineCalls {

    /** The event a calling task waits for, keyed by its child run's id. */
    static final String EVENT = "~run";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineCalls.class);
    /**
     * How long a child's end is kept when no wait takes it at once: its caller registers its wait just after the
     * child is created, so only a child that ends within that moment needs it.
     */
    private static final Duration KEEP_END = Duration.ofDays(1);

    /** Starts a run: {@link RunExecutor}'s start, queued behind its pipeline's {@code max_instances}. */
    @FunctionalInterface
    interface Launcher {
        String start(Pipeline pipeline, RunRequest request, SecretMasker masker);
    }

    private final EventWaitStore waits;
    private final ActiveRuns active;
    // by child run id, what an item of a map that started it does when it ends (items have no event wait rows)
    private final Map<String, Runnable> itemWaits = new ConcurrentHashMap<>();
    private final Launcher launcher;
    // set once by the engine's constructor, before any run starts; read by the threads of every run
    private volatile EngineServices services;

    PipelineCalls(EventWaitStore waits, ActiveRuns active, Launcher launcher) {
        this.waits = waits;
        this.active = active;
        this.launcher = launcher;
    }

    void bind(EngineServices engine) {
        this.services = engine;
    }

    Optional<Pipeline> pipeline(String pipelineId) {
        return services.settings().callable().find(pipelineId);
    }

    /** Starts a child run and returns its committed id. */
    String start(Pipeline pipeline, RunRequest request, SecretMasker masker) {
        return launcher.start(pipeline, request, masker);
    }

    /**
     * A run ended on this agent: when a call started it, the wait of the task that called it is told, on a worker
     * (the ended run's lock is held now, and the caller's must never be taken inside it).
     */
    void ended(RunCoordinator run) {
        if (run.trigger() != TriggerKind.PIPELINE) {
            return;
        }
        try {
            services.threads().workers().execute(() -> {
                announceEnd(run.runId(), true);
                tellItem(run.runId());
            });
        } catch (RejectedExecutionException e) {
            announceEnd(run.runId(), false); // the engine stops: stored, the caller takes it when it goes on
        }
    }

    /**
     * An item of a map waits for the child run it started, without a thread: {@code whenEnded} runs once, on a
     * worker, when the child has ended — here, when it ends on this agent, or found by {@link #sweepItemWaits} when
     * it ended elsewhere — and at once when it has ended already.
     */
    void awaitChild(String childRunId, Runnable whenEnded) {
        itemWaits.put(childRunId, whenEnded);
        if (hasEnded(childRunId)) {
            services.threads().workers().execute(() -> tellItem(childRunId));
        }
    }

    /** The item no longer waits for the child (its map was left to the next start). */
    void stopAwaiting(String childRunId) {
        itemWaits.remove(childRunId);
    }

    /** Items waiting for children that ended where this agent was not told (another agent of a cluster). */
    void sweepItemWaits() {
        for (String childRunId : List.copyOf(itemWaits.keySet())) {
            if (hasEnded(childRunId)) {
                tellItem(childRunId);
            }
        }
    }

    private void tellItem(String childRunId) {
        Runnable waiting = itemWaits.remove(childRunId);
        if (waiting != null) {
            waiting.run();
        }
    }

    private boolean hasEnded(String childRunId) {
        return services.store()
                .findRunProgress(childRunId)
                .map(progress -> progress.run().status().isTerminal())
                .orElse(true); // purged: its caller is told, and finds it gone
    }

    /**
     * Posts the end of a child run for the wait of the task that called it, when the child has ended: the caller
     * may have missed it (it began waiting after, or its agent was down).
     *
     * @param tellHere whether to tell the caller at once when it runs on this agent (never under a run's lock)
     * @return true when the child had ended
     */
    boolean announceEnd(String childRunId, boolean tellHere) {
        try {
            Optional<RunState> state = services.store()
                    .findRunProgress(childRunId)
                    .map(progress -> progress.run().status())
                    .filter(RunState::isTerminal);
            if (state.isEmpty()) {
                return false;
            }
            Instant now = services.clock().instant();
            EventWaitStore.Publication publication =
                    waits.publish(EVENT, childRunId, payload(childRunId, state.get()), now, now.plus(KEEP_END));
            if (tellHere) {
                for (EventWaitStore.DeliveredWait wait : publication.deliveredTo()) {
                    active.find(wait.runId()).ifPresent(caller -> caller.eventArrived(wait.taskId()));
                }
            }
            return true;
        } catch (RuntimeException e) {
            // the caller finds the child's end when it goes on after a restart, else its timeout ends the wait
            LOG.warn("could not tell the caller of run {} that it ended: {}", childRunId, e.toString());
            return false;
        }
    }

    /**
     * Cancels a child run whose caller stopped waiting for it (cancelled, timed out, marked); nothing if it ended.
     * A child going on on another agent of the cluster (it, or its caller, was taken over from a dead agent) is
     * cancelled there: the request goes through the database, as an operator's cancel of a run elsewhere does.
     */
    void cancel(String childRunId, String reason) {
        Optional<RunCoordinator> child = active.find(childRunId);
        if (child.isPresent()) {
            child.get().cancel(RunState.CANCELLED, TaskState.CANCELLED, reason);
        } else if (!hasEnded(childRunId)) {
            services.store().requestCancel(childRunId, reason, services.clock().instant());
        }
    }

    private String payload(String childRunId, RunState state) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("run_id", childRunId);
        payload.put("state", state.yamlName());
        try {
            return services.json().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
