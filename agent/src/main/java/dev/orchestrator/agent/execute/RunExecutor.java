package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.ActionInvoker;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, cancels and retries runs, and owns the threads they run on. A run id handed out names a committed
 * row. The engine's façade: admission is {@link PipelineSlots}'s, creation {@link NewRuns}'s, the scheduled batch
 * {@link ScheduledStarts}', re-running and marking {@link RunControls}', taking runs over {@link RunTakeOver}'s, the threads
 * {@link EngineThreads}', the runs active here {@link ActiveRuns}'. Thread-safe.
 */
public final class RunExecutor implements AutoCloseable {

    private final RunStore store;
    private final EngineServices services;
    private final EngineThreads threads = new EngineThreads();
    private final ActiveRuns active = new ActiveRuns();
    private final PipelineSlots slots = new PipelineSlots();
    // read by every thread that starts a run, written by the one that shuts the engine down
    private volatile boolean accepting = true;
    private final NewRuns newRuns;
    private final RunControls controls;
    private final ScheduledStarts scheduledStarts;
    private final RunTakeOver takeOver;
    private final EngineRounds rounds;

    public RunExecutor(
            RunStore store,
            EventWaitStore waits,
            ConnectorRegistry connectors,
            EngineSettings settings,
            Clock clock,
            RunObserver observer,
            ObjectMapper json) {
        this(store, waits, connectors, settings, clock, observer, json, RunPlacement.HERE);
    }

    /**
     * @param placement where scheduled runs go: here, or to a less busy agent of the cluster
     */
    public RunExecutor(
            RunStore store,
            EventWaitStore waits,
            ConnectorRegistry connectors,
            EngineSettings settings,
            Clock clock,
            RunObserver observer,
            ObjectMapper json,
            RunPlacement placement) {
        this(store, waits, () -> connectors, settings, clock, observer, json, placement);
    }

    /**
     * @param installed the connector types installed now, asked when each run starts: the run keeps them to its end
     * @param placement where scheduled runs go: here, or to a less busy agent of the cluster
     */
    public RunExecutor(
            RunStore store,
            EventWaitStore waits,
            java.util.function.Supplier<ConnectorRegistry> installed,
            EngineSettings settings,
            Clock clock,
            RunObserver observer,
            ObjectMapper json,
            RunPlacement placement) {
        this.store = store;
        TemplateRenderer templates = new TemplateRenderer();
        AttemptRunner runner = new AttemptRunner(installed, new ActionInvoker(json), templates);
        PipelineCalls calls = new PipelineCalls(waits, active, this::start);
        this.services = new EngineServices(
                store,
                waits,
                threads,
                runner,
                templates,
                new OutputStore(json, settings.outputDirectory()),
                settings,
                clock,
                observer,
                json,
                ProcessGroups.forThisSystem(settings.gracePeriod()),
                calls);
        calls.bind(services);
        this.newRuns = new NewRuns(services);
        this.controls = new RunControls(
                services,
                active,
                (pipeline, request, masker, takenOver) -> launch(pipeline, request, masker, takenOver, WhenBusy.QUEUE)
                        .orElseThrow());
        this.scheduledStarts = new ScheduledStarts(services, newRuns, slots, placement, active::count, this::goOn);
        this.takeOver = new RunTakeOver(services, active.byId()::containsKey, this::goOnHere);
        this.rounds = new EngineRounds(services, active.byId().values(), this::eventDelivered);
        rounds.start();
    }

    /**
     * Starts a run of {@code pipeline}.
     *
     * @return the id of the run, committed to the store before this returns
     * @throws AgentStoppingException when the agent is stopping
     */
    public String start(Pipeline pipeline, RunRequest request, SecretMasker masker) {
        return launch(pipeline, request, masker, TakenOver.NONE, WhenBusy.QUEUE).orElseThrow();
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
        return launch(pipeline, request, masker, TakenOver.NONE, whenBusy);
    }

    /** Runs of the pipeline going now, queued ones not counted. */
    public int runningCount(String pipelineId) {
        return slots.running(pipelineId);
    }

    /** Re-running a run from its failures or from a task, marking tasks: an operator's controls (issue 20). */
    public RunControls controls() {
        return controls;
    }

    /**
     * Runs one task of {@code pipeline} now, as a test run ({@code orchestrator test}): its direct dependencies
     * take over the outputs given, else those of the pipeline's last successful run; nothing else runs.
     *
     * @param inputs outputs of dependencies given by the caller, by task id
     * @throws IllegalArgumentException for an unknown task, or a dependency whose output is neither given nor stored
     * @throws AgentStoppingException   when the agent is stopping
     */
    public TaskTest.Started test(
            Pipeline pipeline,
            String taskId,
            Map<String, Object> params,
            Map<String, Object> inputs,
            SecretMasker masker) {
        TaskTest test = TaskTest.of(pipeline, taskId, inputs, store, services.outputs()::load);
        String runId = launch(
                        test.pipeline(),
                        new RunRequest(TriggerKind.TEST, Optional.empty(), params, 0, Optional.empty()),
                        masker,
                        TakenOver.outputs(test.reused()),
                        WhenBusy.QUEUE)
                .orElseThrow();
        return new TaskTest.Started(runId, test.sources());
    }

    /** Cancels a run of this agent; false when it is not running here. */
    public boolean cancel(String runId, String reason) {
        Optional<RunCoordinator> coordinator = active.find(runId);
        coordinator.ifPresent(run -> run.cancel(RunState.CANCELLED, TaskState.CANCELLED, reason));
        return coordinator.isPresent();
    }

    /**
     * An event reached a wait of this agent ({@link EventWaitStore#publish}): its task completes, when its run is
     * active here. A wait whose run is not here is completed by the agent running it, which sweeps for them.
     */
    public void eventDelivered(String runId, String taskId) {
        active.find(runId).ifPresent(coordinator -> coordinator.eventArrived(taskId));
    }

    /**
     * Takes over the runs that an earlier process of this agent left only waiting ({@link
     * RunStore#findResumableRuns}): their waits and sensors go on where they were. A run whose pipeline is gone,
     * or has other tasks now, cannot go on and ends as crashed, saying why.
     *
     * @param pipelineById the runnable pipelines
     * @return the ids of the runs resumed
     */
    public List<String> resumeWaitingRuns(
            java.util.function.Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
        return takeOver.resumeWaiting(pipelineById, masker);
    }

    /**
     * Takes over the runs a dead agent of the cluster left only waiting (SPEC 11): they become this agent's, and
     * their waits and sensors go on here, as after a restart ({@link #resumeWaitingRuns}).
     *
     * @return the ids of the runs taken over and resumed
     */
    public List<String> adoptWaitingRuns(
            String deadAgentId,
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
    public List<String> startHandedOver(
            java.util.function.Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
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
        slots.take(coordinator.pipelineId());
        goOn(coordinator);
    }

    /** A run whose row is committed and that holds its slot goes on here. */
    private void goOn(RunCoordinator coordinator) {
        active.add(coordinator);
        coordinator.whenFinished((state, error) -> ended(coordinator.pipelineId(), coordinator));
        coordinator.start();
    }

    /** Waits for a run started here to end; empty when it is not active here or does not end in time. */
    public Optional<RunState> await(String runId, Duration timeout) throws InterruptedException {
        return active.await(runId, timeout, store);
    }

    public int activeRunCount() {
        return active.count();
    }

    /** Runs ended (or cancelled while queued) since this executor was made. */
    public long endedRunCount() {
        return active.endedCount();
    }

    /** Runs waiting for a free instance of their pipeline; read without their locks, so close, not exact. */
    public int queuedRunCount() {
        return slots.queued();
    }

    private Optional<String> launch(
            Pipeline pipeline, RunRequest request, SecretMasker masker, TakenOver takenOver, WhenBusy whenBusy) {
        if (!accepting) {
            throw new AgentStoppingException();
        }
        Optional<PipelineSlots.Admitted> admitted =
                slots.admit(pipeline.id(), pipeline.schedule().maxInstances(), whenBusy == WhenBusy.SKIP, () -> {
                    RunCoordinator created = newRuns.create(pipeline, request, masker, takenOver);
                    active.add(created);
                    return created;
                });
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        RunCoordinator coordinator = admitted.get().run();
        coordinator.whenFinished((state, error) -> ended(pipeline.id(), coordinator));
        if (admitted.get().startNow()) {
            startOnWorker(coordinator);
        }
        return Optional.of(coordinator.runId());
    }

    /**
     * Starts a committed run on a worker, so that whoever asked for it (an HTTP request) is answered as soon as
     * the run is durable: marking the run and its first tasks running is three more writes (about 1 ms of the
     * trigger's round trip, 2–3 ms on a busy machine), and the answer does not depend on them. A run whose
     * start is lost with the process stays {@code queued} and the next start recovers it, as any queued run.
     */
    private void startOnWorker(RunCoordinator coordinator) {
        try {
            threads.workers().execute(coordinator::start);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            coordinator.start(); // the engine is stopping: as before, on the caller's thread
        }
    }

    /** One scheduled fire, for {@link #startScheduled}. */
    public record ScheduledStart(Pipeline pipeline, RunRequest request, SecretMasker masker) {}

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
            throw new AgentStoppingException();
        }
        return scheduledStarts.start(starts);
    }

    /** A run ended: it frees its slot, and the next queued run of its pipeline starts. */
    private void ended(String pipelineId, RunCoordinator coordinator) {
        active.ended(coordinator);
        services.calls().ended(coordinator); // a child run: its caller is told
        // not on this thread: it is the finishing run's, inside that run's lock
        slots.ended(pipelineId, coordinator, accepting)
                .ifPresent(next -> threads.workers().execute(next::start));
    }

    /**
     * Stops cleanly: no new runs; running ones get {@code grace} to finish, then are cancelled and their
     * attempts stopped (each with the grace period of the settings), and every outcome recorded. A run that only
     * waits (for an event, for a sensor's next poke) is not cancelled: it stays as stored, and the next start
     * resumes it.
     */
    public void shutdown(Duration grace) {
        accepting = false;
        RunsShutdown.stop(active.byId(), grace, services.settings().gracePeriod());
        rounds.flushLogs();
        threads.shutdown();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
