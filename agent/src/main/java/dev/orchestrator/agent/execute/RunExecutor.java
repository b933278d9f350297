package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.ActionInvoker;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderer;
import dev.orchestrator.template.TemplateVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts, cancels and retries runs, and owns the threads they run on. A run id handed out names a committed
 * row. Thread-safe.
 */
public final class RunExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    private static final Duration LOG_FLUSH_INTERVAL = Duration.ofMillis(500);
    /** How often the store is asked for events that reached this agent's waits through another agent. */
    private static final Duration DELIVERY_SWEEP_INTERVAL = Duration.ofSeconds(2);

    private final RunStore store;
    private final EngineServices services;
    private final RunIds runIds;
    private final Map<String, RunCoordinator> active = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong endedRuns = new java.util.concurrent.atomic.AtomicLong();
    // per pipeline: runs counted against max_instances, and runs waiting for one of them to end
    // one lock per pipeline: creating a run writes to the database, and runs of different pipelines must not
    // wait for each other's writes (200 pipelines due in one second measured 1.3 s with one global lock)
    private final Map<String, Object> admission = new ConcurrentHashMap<>();
    private final Map<String, Integer> runningPerPipeline = new ConcurrentHashMap<>();
    private final Map<String, java.util.ArrayDeque<RunCoordinator>> waitingPerPipeline = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timers;
    private volatile boolean accepting = true;
    private final RunPlacement placement;
    private final RunTakeOver takeOver;

    public RunExecutor(RunStore store, EventWaitStore waits, ConnectorRegistry connectors, EngineSettings settings,
                       Clock clock, RunObserver observer, ObjectMapper json) {
        this(store, waits, connectors, settings, clock, observer, json, RunPlacement.HERE);
    }

    /**
     * @param placement where scheduled runs go: here, or to a less busy agent of the cluster
     */
    public RunExecutor(RunStore store, EventWaitStore waits, ConnectorRegistry connectors, EngineSettings settings,
                       Clock clock, RunObserver observer, ObjectMapper json, RunPlacement placement) {
        this.store = store;
        this.placement = placement;
        this.runIds = new RunIds(clock);
        this.workers = Executors.newCachedThreadPool(named("task-"));
        this.timers = new ScheduledThreadPoolExecutor(2, named("engine-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        TemplateRenderer templates = new TemplateRenderer();
        AttemptRunner runner = new AttemptRunner(connectors, new ActionInvoker(json), templates);
        this.services = new EngineServices(store, waits, workers, timers, runner, templates,
                new OutputStore(json, settings.outputDirectory()), settings, clock, observer, json,
                ProcessGroups.forThisSystem(settings.gracePeriod()));
        this.takeOver = new RunTakeOver(services, active::containsKey, this::goOnHere);
        timers.scheduleWithFixedDelay(this::flushLogs, LOG_FLUSH_INTERVAL.toMillis(), LOG_FLUSH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::sweepDeliveredEvents, DELIVERY_SWEEP_INTERVAL.toMillis(),
                DELIVERY_SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a run of {@code pipeline}.
     *
     * @return the id of the run, committed to the store before this returns
     * @throws IllegalStateException when the agent is stopping
     */
    public String start(Pipeline pipeline, RunRequest request, SecretMasker masker) {
        return launch(pipeline, request, masker, Map.of(), WhenBusy.QUEUE).orElseThrow();
    }

    /** What to do with a run when {@code max_instances} runs of its pipeline are already going. */
    public enum WhenBusy {
        /** Keep it {@code queued} and start it when one of them ends (manual triggers, catch-up runs). */
        QUEUE,
        /** Do not create it (a scheduled fire). */
        SKIP
    }

    /**
     * Starts a run unless {@code whenBusy} is {@link WhenBusy#SKIP} and the pipeline has {@code max_instances}
     * runs going.
     *
     * @return the committed run's id, or empty when it was skipped
     */
    public Optional<String> start(Pipeline pipeline, RunRequest request, SecretMasker masker, WhenBusy whenBusy) {
        return launch(pipeline, request, masker, Map.of(), whenBusy);
    }

    /** Runs of the pipeline going now, queued ones not counted. */
    public int runningCount(String pipelineId) {
        synchronized (admissionOf(pipelineId)) {
            return runningPerPipeline.getOrDefault(pipelineId, 0);
        }
    }

    /**
     * Re-runs a finished run from its failures (SPEC 4): a new run whose successful tasks take over the earlier
     * outputs, and whose other tasks run again.
     *
     * @throws IllegalArgumentException when there is no such run, or it has not finished
     */
    public String retry(String runId, Pipeline pipeline, SecretMasker masker) {
        RunDetail detail = store.findRun(runId).orElseThrow(() -> new IllegalArgumentException(
                "no run '" + runId + "'"));
        if (!detail.run().status().isTerminal()) {
            throw new IllegalStateException("run " + runId + " is still " + detail.run().status().yamlName()
                    + "; cancel it or wait for it to finish before retrying");
        }
        RunRecord original = detail.run();
        Map<String, Object> reused = new LinkedHashMap<>();
        for (TaskRunRecord task : detail.tasks()) {
            if (task.status() == TaskState.SUCCESS && pipeline.task(task.taskId()).isPresent()) {
                try {
                    reused.put(task.taskId(), store.findOutput(runId, task.taskId())
                            .map(services.outputs()::load).orElse(null));
                } catch (java.io.UncheckedIOException e) {
                    // an output over the inline limit is a file in the home of the agent that ran the task
                    throw new IllegalStateException("the output of task " + task.taskId() + " of run " + runId
                            + " cannot be read here (" + e.getMessage() + "); it is kept by agent "
                            + original.agentId() + ", which ran it: retry the run through that agent", e);
                }
            }
        }
        RunRequest request = new RunRequest(TriggerKind.RETRY, Optional.of(original.logicalTime()), original.params(),
                original.triggerDepth(), Optional.of(runId));
        return launch(pipeline, request, masker, reused, WhenBusy.QUEUE).orElseThrow();
    }

    /** Cancels a run of this agent; false when it is not running here. */
    public boolean cancel(String runId, String reason) {
        RunCoordinator coordinator = active.get(runId);
        if (coordinator == null) {
            return false;
        }
        coordinator.cancel(RunState.CANCELLED, TaskState.CANCELLED, reason);
        return true;
    }

    /**
     * An event reached a wait of this agent ({@link EventWaitStore#publish}): its task completes, when its run is
     * active here. A wait whose run is not here is completed by the agent running it, which sweeps for them.
     */
    public void eventDelivered(String runId, String taskId) {
        RunCoordinator coordinator = active.get(runId);
        if (coordinator != null) {
            coordinator.eventArrived(taskId);
        }
    }

    private void sweepDeliveredEvents() {
        try {
            for (EventWaitStore.DeliveredWait wait : services.waits().deliveredWaits(services.settings().agentId())) {
                eventDelivered(wait.runId(), wait.taskId());
            }
        } catch (RuntimeException e) {
            LOG.warn("looking for delivered events failed; the next sweep tries again: {}", e.getMessage());
        }
    }

    /**
     * Takes over the runs that an earlier process of this agent left only waiting ({@link
     * RunStore#findResumableRuns}): their waits and sensors go on where they were. A run whose pipeline is gone,
     * or has other tasks now, cannot go on and ends as crashed, saying why.
     *
     * @param pipelineById the runnable pipelines
     * @return the ids of the runs resumed
     */
    public List<String> resumeWaitingRuns(java.util.function.Function<String, Optional<Pipeline>> pipelineById,
                                          SecretMasker masker) {
        return takeOver.resumeWaiting(pipelineById, masker);
    }

    /**
     * Takes over the runs a dead agent of the cluster left only waiting (SPEC 11): they become this agent's, and
     * their waits and sensors go on here, as after a restart ({@link #resumeWaitingRuns}).
     *
     * @return the ids of the runs taken over and resumed
     */
    public List<String> adoptWaitingRuns(String deadAgentId,
                                         java.util.function.Function<String, Optional<Pipeline>> pipelineById,
                                         SecretMasker masker) {
        if (!accepting) {
            return List.of(); // stopping: the next agent to notice takes them
        }
        return takeOver.adoptWaiting(deadAgentId, pipelineById, masker);
    }

    /**
     * Starts the runs other agents of the cluster handed to this one ({@link RunPlacement}), as they were created:
     * queued, every task pending.
     *
     * @return the ids of the runs started
     */
    public List<String> startHandedOver(java.util.function.Function<String, Optional<Pipeline>> pipelineById,
                                        SecretMasker masker) {
        if (!accepting) {
            return List.of(); // stopping: this agent hands them on when it leaves the cluster
        }
        return takeOver.startHandedOver(pipelineById, masker);
    }

    /** Whether this agent starts runs: false once it is stopping. */
    public boolean isAccepting() {
        return accepting;
    }

    /** A run built elsewhere ({@link RunTakeOver}) goes on here: it holds a slot of its pipeline, and starts. */
    private void goOnHere(RunCoordinator coordinator) {
        synchronized (admissionOf(coordinator.pipelineId())) {
            runningPerPipeline.merge(coordinator.pipelineId(), 1, Integer::sum);
        }
        active.put(coordinator.runId(), coordinator);
        coordinator.finished().whenComplete((state, error) -> ended(coordinator.pipelineId(), coordinator));
        coordinator.start();
    }

    /** Waits for a run started here to end; empty when it is not active here or does not end in time. */
    public Optional<RunState> await(String runId, Duration timeout) throws InterruptedException {
        RunCoordinator coordinator = active.get(runId);
        if (coordinator == null) {
            return store.findRun(runId).map(detail -> detail.run().status()).filter(RunState::isTerminal);
        }
        try {
            return Optional.of(coordinator.finished().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId + " ended with an engine error", e.getCause());
        }
    }

    public int activeRunCount() {
        return active.size();
    }

    /** Runs ended (or cancelled while queued) since this executor was made. */
    public long endedRunCount() {
        return endedRuns.get();
    }

    /** Runs waiting for a free instance of their pipeline; read without their locks, so close, not exact. */
    public int queuedRunCount() {
        return waitingPerPipeline.values().stream().mapToInt(java.util.ArrayDeque::size).sum();
    }

    private Optional<String> launch(Pipeline pipeline, RunRequest request, SecretMasker masker,
                                    Map<String, Object> reused, WhenBusy whenBusy) {
        if (!accepting) {
            throw new IllegalStateException("the agent is stopping and starts no new runs");
        }
        RunCoordinator coordinator;
        boolean startNow;
        synchronized (admissionOf(pipeline.id())) {
            int running = runningPerPipeline.getOrDefault(pipeline.id(), 0);
            startNow = running < pipeline.schedule().maxInstances();
            if (!startNow && whenBusy == WhenBusy.SKIP) {
                return Optional.empty();
            }
            coordinator = prepare(pipeline, request, masker, reused);
            // the run's row is committed: from here on, whatever fails ends it as crashed, never leaves it queued
            if (startNow) {
                runningPerPipeline.merge(pipeline.id(), 1, Integer::sum);
            } else {
                waitingPerPipeline.computeIfAbsent(pipeline.id(), id -> new java.util.ArrayDeque<>()).add(coordinator);
            }
        }
        coordinator.finished().whenComplete((state, error) -> ended(pipeline.id(), coordinator));
        if (startNow) {
            coordinator.start();
        }
        return Optional.of(coordinator.runId());
    }

    /** Creates the run's committed row (queued) and its coordinator. */
    private RunCoordinator prepare(Pipeline pipeline, RunRequest request, SecretMasker masker,
                                   Map<String, Object> reused) {
        Instant now = services.clock().instant();
        NewRunParts parts = newRun(pipeline, request, masker, now, false);
        store.insertRun(parts.run(), taskIds(pipeline));
        try {
            RunCoordinator coordinator = new RunCoordinator(pipeline, parts.run(), parts.variables(), masker, services);
            reused.forEach((taskId, output) -> {
                store.reuseTask(parts.run().runId(), taskId, services.outputs().store(parts.run().runId(), taskId,
                        output, masker).orElse(new dev.orchestrator.agent.store.StoredOutput(Optional.empty(),
                        Optional.empty(), 0)), now);
                coordinator.reuse(taskId, output);
            });
            active.put(parts.run().runId(), coordinator);
            return coordinator;
        } catch (RuntimeException e) {
            // the row is committed: it must not stay queued
            store.finishRun(parts.run().runId(), RunState.CRASHED, services.clock().instant(),
                    Optional.of(masker.mask("the run could not be started: " + e)));
            throw e;
        }
    }

    /** A run's row and template variables. */
    private record NewRunParts(RunRecord run, Map<String, Object> variables) {
    }

    private NewRunParts newRun(Pipeline pipeline, RunRequest request, SecretMasker masker, Instant now,
                               boolean running) {
        return newRun(pipeline, request, masker, now, running, services.settings().agentId());
    }

    /** @param owner the agent that will run it: this one, or the one it is handed to */
    private NewRunParts newRun(Pipeline pipeline, RunRequest request, SecretMasker masker, Instant now,
                               boolean running, String owner) {
        ZonedDateTime logicalTime = request.logicalTime()
                .orElseGet(() -> now.atZone(pipeline.schedule().zoneOr(services.settings().zone())))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> params = new LinkedHashMap<>(pipeline.params());
        params.putAll(request.params());
        String runId = runIds.next();
        RunRecord run = new RunRecord(runId, pipeline.id(), running ? RunState.RUNNING : RunState.QUEUED,
                request.trigger(), logicalTime, maskValues(params, masker), now,
                running ? Optional.of(now) : Optional.empty(), Optional.empty(), Optional.empty(),
                request.parentRunId(), request.triggerDepth(), owner);
        return new NewRunParts(run, TemplateVariables.forRun(logicalTime, runId, pipeline.id(), params));
    }

    private static List<String> taskIds(Pipeline pipeline) {
        return pipeline.tasks().stream().map(task -> task.id()).toList();
    }

    /** One scheduled fire, for {@link #startScheduled}. */
    public record ScheduledStart(Pipeline pipeline, RunRequest request, SecretMasker masker) {
    }

    /** What became of a scheduled fire handed to {@link #startScheduled}. */
    public record ScheduledOutcome(Kind kind, Optional<String> runId, Optional<Busy> busy) {

        public ScheduledOutcome(Kind kind, Optional<String> runId) {
            this(kind, runId, Optional.empty());
        }

        /**
         * Why a fire was skipped: the runs of its pipeline the decision counted, and whether it counted those of
         * the whole cluster or this agent's.
         */
        public record Busy(int running, boolean inCluster) {
        }

        static ScheduledOutcome skipped(int running, boolean inCluster) {
            return new ScheduledOutcome(Kind.SKIPPED_BUSY, Optional.empty(), Optional.of(new Busy(running, inCluster)));
        }

        public enum Kind {
            /** A run was created and started. */
            STARTED,
            /** A run was created for another, less busy agent of the cluster, which starts it. */
            HANDED_OVER,
            /** Not run: the pipeline has {@code max_instances} runs going (on this agent, or in the cluster). */
            SKIPPED_BUSY,
            /** Not run here: another agent of the cluster took the fire over. */
            CLAIMED_ELSEWHERE
        }

        static final ScheduledOutcome ELSEWHERE = new ScheduledOutcome(Kind.CLAIMED_ELSEWHERE, Optional.empty());
    }

    /**
     * Starts the runs of fires due at the same moment, skipping those whose pipeline has {@code max_instances}
     * runs going: their rows are written in one transaction and made durable once, so two hundred pipelines
     * due in one second do not queue behind two hundred commits. Each fire must have been claimed by this agent
     * (see {@code PipelineStateStore.claimFire}); one taken over by another agent meanwhile is not run.
     *
     * @return per fire, in order, what became of it
     */
    public List<ScheduledOutcome> startScheduled(List<ScheduledStart> starts) {
        if (!accepting) {
            throw new IllegalStateException("the agent is stopping and starts no new runs");
        }
        Instant now = services.clock().instant();
        List<ScheduledOutcome> outcomes = new java.util.ArrayList<>(starts.size());
        List<RunStore.NewRun> rows = new java.util.ArrayList<>();
        List<RunCoordinator> coordinators = new java.util.ArrayList<>();
        // runs of this batch, here or handed over: not in the store yet, so the cluster's count misses them
        Map<String, Integer> inBatch = new java.util.HashMap<>();
        for (ScheduledStart start : starts) {
            Pipeline pipeline = start.pipeline();
            int maxInstances = pipeline.schedule().maxInstances();
            synchronized (admissionOf(pipeline.id())) {
                int runningHere = runningPerPipeline.getOrDefault(pipeline.id(), 0);
                if (runningHere >= maxInstances) {
                    outcomes.add(ScheduledOutcome.skipped(runningHere, false));
                    continue;
                }
            }
            Optional<String> elsewhere = Optional.empty();
            try {
                java.util.OptionalInt inCluster = placement.runsInCluster(pipeline.id());
                int counted = inCluster.orElse(0) + inBatch.getOrDefault(pipeline.id(), 0);
                if (inCluster.isPresent() && counted >= maxInstances) {
                    outcomes.add(ScheduledOutcome.skipped(counted, true));
                    continue;
                }
                elsewhere = placement.elsewhere(active.size() + coordinators.size());
            } catch (RuntimeException e) {
                // the cluster's state out of reach: this agent runs it, as a single agent would
                LOG.warn("cannot see the cluster's load, running the fire of {} here: {}", pipeline.id(), e.toString());
            }
            inBatch.merge(pipeline.id(), 1, Integer::sum);
            if (elsewhere.isPresent()) {
                // created queued for that agent, which takes it from the database within a moment and starts it
                NewRunParts parts = newRun(pipeline, start.request(), start.masker(), now, false, elsewhere.get());
                rows.add(new RunStore.NewRun(parts.run(), taskIds(pipeline)));
                outcomes.add(new ScheduledOutcome(ScheduledOutcome.Kind.HANDED_OVER, Optional.of(parts.run().runId())));
                continue;
            }
            synchronized (admissionOf(pipeline.id())) {
                runningPerPipeline.merge(pipeline.id(), 1, Integer::sum);
            }
            NewRunParts parts = newRun(pipeline, start.request(), start.masker(), now, true);
            rows.add(new RunStore.NewRun(parts.run(), taskIds(pipeline)));
            coordinators.add(new RunCoordinator(pipeline, parts.run(), parts.variables(), start.masker(), services));
            outcomes.add(new ScheduledOutcome(ScheduledOutcome.Kind.STARTED, Optional.of(parts.run().runId())));
        }
        java.util.Set<String> inserted;
        try {
            inserted = store.insertScheduledRuns(services.settings().agentId(), rows);
        } catch (RuntimeException e) {
            coordinators.forEach(coordinator -> releaseSlot(coordinator.pipelineId()));
            throw e;
        }
        for (RunCoordinator coordinator : coordinators) {
            if (!inserted.contains(coordinator.runId())) {
                releaseSlot(coordinator.pipelineId());
                continue;
            }
            active.put(coordinator.runId(), coordinator);
            coordinator.finished().whenComplete((state, error) -> ended(coordinator.pipelineId(), coordinator));
            coordinator.start();
        }
        return outcomes.stream().map(outcome -> outcome.runId().filter(id -> !inserted.contains(id)).isPresent()
                ? ScheduledOutcome.ELSEWHERE : outcome).toList();
    }

    private void releaseSlot(String pipelineId) {
        synchronized (admissionOf(pipelineId)) {
            runningPerPipeline.merge(pipelineId, -1, Integer::sum);
        }
    }

    private Object admissionOf(String pipelineId) {
        return admission.computeIfAbsent(pipelineId, id -> new Object());
    }

    /** A run ended: it frees its slot, and the next queued run of its pipeline starts. */
    private void ended(String pipelineId, RunCoordinator coordinator) {
        active.remove(coordinator.runId());
        endedRuns.incrementAndGet();
        RunCoordinator next = null;
        synchronized (admissionOf(pipelineId)) {
            java.util.ArrayDeque<RunCoordinator> waiting = waitingPerPipeline.get(pipelineId);
            if (waiting != null && waiting.remove(coordinator)) {
                return; // cancelled while queued: it never held a slot
            }
            if (waiting != null && !waiting.isEmpty() && accepting) {
                next = waiting.poll();
            } else {
                runningPerPipeline.merge(pipelineId, -1, Integer::sum);
            }
        }
        if (next != null) {
            // not on this thread: it is the finishing run's, inside that run's lock
            RunCoordinator queued = next;
            services.workers().execute(queued::start);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> maskValues(Map<String, Object> params, SecretMasker masker) {
        return (Map<String, Object>) masker.maskTree(params);
    }

    private void flushLogs() {
        try {
            active.values().forEach(RunCoordinator::flushLogs);
        } catch (RuntimeException e) {
            LOG.warn("writing task logs failed; they are written when their attempts end: {}", e.getMessage());
        }
    }

    /**
     * Stops cleanly: no new runs; running ones get {@code grace} to finish, then are cancelled and their
     * attempts stopped (each with the grace period of the settings), and every outcome recorded. A run that only
     * waits (for an event, for a sensor's next poke) is not cancelled: it stays as stored, and the next start
     * resumes it.
     */
    public void shutdown(Duration grace) {
        accepting = false;
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            active.values().removeIf(RunCoordinator::detachIfOnlyWaiting);
            List<CompletableFuture<RunState>> going = active.values().stream().map(RunCoordinator::finished)
                    .filter(future -> !future.isDone()).toList();
            long left = deadline - System.nanoTime();
            if (going.isEmpty() || left <= 0) {
                break;
            }
            // a run may come to only wait in the meantime: look again every few milliseconds
            waitFor(going, Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))));
        }
        List<CompletableFuture<RunState>> running = active.values().stream().map(RunCoordinator::finished).toList();
        if (!running.stream().allMatch(CompletableFuture::isDone)) {
            active.values().forEach(coordinator -> coordinator.cancel(RunState.CANCELLED, TaskState.CANCELLED,
                    "the agent was stopped"));
            waitFor(running, services.settings().gracePeriod().plusSeconds(2));
        }
        flushLogs();
        // no interrupts: a timer thread may be writing logs, and H2 closes its file when interrupted mid-write
        timers.shutdown();
        workers.shutdown();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(List<CompletableFuture<RunState>> runs, Duration limit) {
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
