package dev.orchestrator.agent.deadline;

import dev.orchestrator.agent.deadline.DueDeadlines.Pending;
import dev.orchestrator.agent.execute.FinishedRun;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.store.DeadlineStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the pipelines' deadlines as the agent's clock passes them, and hears of runs that succeed (for "finished
 * late"). One thread of its own does both, so the checker is never called from two threads, and the engine's
 * threads only hand it a run id.
 *
 * <p>Each pipeline is checked from the mark the store keeps ({@link DeadlineStore#checkedUntil}): a restart checks
 * the deadlines that passed while the agent was down (a week of them at most), and the store's record of each miss
 * keeps them from being raised twice. The deadlines of the next hour are worked out once and kept, so that a tick only compares instants.
 * A paused pipeline's deadlines pass unchecked: a paused pipeline is not expected to run.
 */
public final class DeadlineWatch implements RunObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final Duration HORIZON = Duration.ofHours(1);
    private static final Duration LOOK_BACK = Duration.ofDays(7);

    /** What is known of one pipeline's deadlines: checked up to {@code checkedUntil}, the next ones worked out. */
    private static final class Watched {
        final Pipeline pipeline;
        Instant checkedUntil;
        Instant workedOutUntil;
        final Deque<Pending> pending = new ArrayDeque<>();

        Watched(Pipeline pipeline, Instant checkedUntil) {
            this.pipeline = pipeline;
            this.checkedUntil = checkedUntil;
            this.workedOutUntil = checkedUntil;
        }
    }

    private final DeadlineChecker checker;
    private final DeadlineStore store;
    private final Supplier<List<Pipeline>> pipelines;
    private final Supplier<Set<String>> paused;
    private final Clock clock;
    private final ZoneId agentZone;
    // touched by the watch's own thread only
    private final Map<String, Watched> watched = new HashMap<>();
    private boolean firstTickDone;
    // the pipelines of the first check, until their store's mark is read: a failed read is tried again from it
    private final Set<String> resuming = new HashSet<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread named = new Thread(work, "deadlines");
        named.setDaemon(true);
        return named;
    });

    /**
     * @param pipelines the pipelines loaded now
     * @param paused    the ids of the paused pipelines
     */
    public DeadlineWatch(
            DeadlineStore store,
            AlertDispatcher alerts,
            Supplier<SecretMasker> secrets,
            Supplier<List<Pipeline>> pipelines,
            Supplier<Set<String>> paused,
            String agentId,
            Clock clock,
            ZoneId agentZone) {
        this.checker = new DeadlineChecker(store, alerts, secrets, agentId);
        this.store = store;
        this.pipelines = pipelines;
        this.paused = paused;
        this.clock = clock;
        this.agentZone = agentZone;
    }

    /**
     * Checks once and waits for it, so that each pipeline's mark is taken (or the deadlines missed while the agent
     * was down are raised) before the agent serves; then checks every {@code every}.
     */
    public DeadlineWatch start(Duration every) {
        try {
            thread.submit(this::tick).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("the first check of the deadlines failed: {}", e.getCause().toString());
        }
        thread.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void runFinished(Pipeline pipeline, FinishedRun run) {
        if (run.state() != RunState.SUCCESS || pipeline.deadline().isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    checker.runSucceeded(pipeline, run.runId());
                } catch (RuntimeException e) {
                    LOG.warn("could not check whether run {} finished late: {}", run.runId(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("run {} ended while the agent stops; not checked for lateness", run.runId());
        }
    }

    @SuppressWarnings("ReferenceEquality") // the registry hands out a new Pipeline when its file changed
    private void tick() {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        Set<String> pausedNow = null;
        for (Pipeline pipeline : pipelines.get()) {
            if (!DueDeadlines.watched(pipeline, agentZone)) {
                continue;
            }
            seen.add(pipeline.id());
            if (!firstTickDone) {
                resuming.add(pipeline.id());
            }
            try {
                Watched watch = watched.get(pipeline.id());
                if (watch == null || watch.pipeline != pipeline) { // first seen, or its file changed
                    Instant from = watch != null ? watch.checkedUntil : markOf(pipeline, now);
                    watch = new Watched(pipeline, from);
                    watched.put(pipeline.id(), watch);
                }
                List<Pending> due = takeDue(watch, now);
                if (!due.isEmpty()) {
                    if (pausedNow == null) {
                        pausedNow = paused.get();
                    }
                    if (!pausedNow.contains(pipeline.id())) {
                        checker.check(pipeline, due, now);
                    }
                    store.advanceCheckedUntil(pipeline.id(), now);
                }
                watch.checkedUntil = now.isAfter(watch.checkedUntil) ? now : watch.checkedUntil;
            } catch (RuntimeException e) {
                // worked out again from the store's mark at the next tick: nothing is lost, nothing raised twice
                watched.remove(pipeline.id());
                LOG.warn("could not check the deadlines of pipeline {}: {}", pipeline.id(), e.toString());
            }
        }
        watched.keySet().retainAll(seen);
        resuming.retainAll(seen);
        firstTickDone = true;
    }

    /**
     * Where a pipeline's checks start. At the agent's start, at the store's mark: the deadlines that passed while
     * the agent was down are checked (those of the last {@link #LOOK_BACK} at most). A pipeline that gains a
     * deadline (or comes back) while the agent runs starts now: its mark is from before it was watched again.
     */
    private Instant markOf(Pipeline pipeline, Instant now) {
        Instant mark = store.checkedUntil(pipeline.id(), now);
        if (resuming.remove(pipeline.id())) {
            Instant oldest = now.minus(LOOK_BACK);
            return mark.isBefore(oldest) ? oldest : mark;
        }
        if (mark.isBefore(now)) {
            store.advanceCheckedUntil(pipeline.id(), now);
        }
        return now;
    }

    /** The deadlines due by {@code now}, out of those worked out, which are worked out again when they run out. */
    private List<Pending> takeDue(Watched watch, Instant now) {
        if (!now.isBefore(watch.workedOutUntil)) {
            Instant until = now.plus(HORIZON);
            watch.pending.clear();
            watch.pending.addAll(DueDeadlines.between(watch.pipeline, agentZone, watch.checkedUntil, until));
            watch.workedOutUntil = until;
        }
        List<Pending> due = new java.util.ArrayList<>();
        while (!watch.pending.isEmpty()
                && !watch.pending.peekFirst().due().at().toInstant().isAfter(now)) {
            due.add(watch.pending.pollFirst());
        }
        return due;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
