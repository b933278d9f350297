package dev.orchestrator.desktop.run;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.TaskDto;
import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.client.MapItemRequests;
import dev.orchestrator.desktop.client.OutputRequests;
import dev.orchestrator.desktop.client.TaskShape;
import dev.orchestrator.desktop.compare.RunCompareModel;
import dev.orchestrator.desktop.graph.DagLayout;
import dev.orchestrator.desktop.graph.GraphEdge;
import dev.orchestrator.desktop.graph.GraphNode;
import dev.orchestrator.desktop.graph.LaidOutGraph;
import dev.orchestrator.desktop.session.AgentSession;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * One run as the run detail shows it: the pipeline's tasks (the graph), each task's live state, the run's
 * detail (attempts, errors, stack traces, outputs) and its log. Loaded in the background, then kept current
 * by the agent's event stream: states and log lines apply at once, the detail is read again when a task ends.
 */
public final class RunDetailModel implements AutoCloseable {

    private static final Set<String> ENDED = Set.of("success", "failed", "cancelled", "crashed");
    private static final int LOG_PAGE = 500;

    private final AgentSession session;
    private final String runId;
    private final Executor io;
    private final Executor ui;
    private final RunClock runClock;
    private final ObjectProperty<RunDto> run = new SimpleObjectProperty<>();
    private final ObjectProperty<List<TaskShape>> tasks = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<LaidOutGraph> graph = new SimpleObjectProperty<>();
    private final DagLayout layout;
    private final ObservableMap<String, String> states = FXCollections.observableHashMap();
    private final LiveLog log = new LiveLog();
    private final StringProperty selectedTask = new SimpleStringProperty();
    private final StringProperty problem = new SimpleStringProperty();
    private final Consumer<AgentSession.RunEvent> listener = this::eventArrived;
    private final javafx.beans.InvalidationListener polled = observable -> followElsewhere();
    private boolean followQueued;
    private boolean detailQueued;
    // reads of the detail overlap (open's, and those events ask for, on a pool): the one started last holds the
    // newest state, so one started earlier must not overwrite it, and an event during a read asks for another
    private final java.util.concurrent.atomic.AtomicLong readsStarted = new java.util.concurrent.atomic.AtomicLong();
    private long readApplied;
    private boolean readAgain;

    /**
     * @param timer ticks the duration and timeline of a run while it runs
     * @param clock what now is, for those
     */
    public RunDetailModel(
            AgentSession session,
            String runId,
            DagLayout layout,
            Executor io,
            Executor ui,
            ScheduledExecutorService timer,
            Clock clock) {
        this.session = session;
        this.layout = layout;
        this.runId = runId;
        this.io = io;
        this.ui = ui;
        this.runClock = new RunClock(timer, ui, clock);
        runClock.nowProperty().addListener(new MapTicks(this::mapRunning, this::readDetailSoon));
    }

    /** Whether a map of this run runs: its items change without a task event, so its counts are read each tick. */
    private boolean mapRunning() {
        return tasks.get().stream().anyMatch(task -> task.map() && "running".equals(states.get(task.id())));
    }

    /** Its items' table, read from the agent a page at a time in the background. */
    public MapItemsModel mapItems() {
        return new MapItemsModel(() -> new MapItemRequests(session.client()), runId, io, ui);
    }

    /** A task's whole output, read from the agent when loaded (run detail has a preview). */
    public FullOutputModel fullOutput(String taskId) {
        return new FullOutputModel(
                "task " + taskId,
                runId + "-" + taskId,
                () -> new OutputRequests(session.client()).taskOutput(runId, taskId),
                io,
                ui);
    }

    /** Reads the run and starts following it. */
    public RunDetailModel open() {
        session.addRunListener(listener);
        session.updatedAtProperty().addListener(polled);
        long read = readsStarted.incrementAndGet();
        io.execute(() -> {
            try {
                RunDto detail = session.client().run(runId);
                List<TaskShape> shapes = session.client().tasksOf(detail.pipelineId());
                List<LogLine> lines = session.client().logs(runId, 0, LOG_PAGE);
                LaidOutGraph laidOut = layout.layout(
                        shapes.stream()
                                .map(task -> new GraphNode(task.id(), task.id(), task.map()))
                                .toList(),
                        shapes.stream()
                                .flatMap(task ->
                                        task.dependsOn().stream().map(upstream -> new GraphEdge(upstream, task.id())))
                                .toList());
                ui.execute(() -> {
                    tasks.set(shapes);
                    graph.set(laidOut);
                    applyDetail(detail, read);
                    log.append(lines);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> problem.set("cannot open run " + runId + ": " + e.getMessage()));
            }
        });
        return this;
    }

    public String runId() {
        return runId;
    }

    public AgentSession session() {
        return session;
    }

    /** On the UI thread: a detail read before the one shown is dropped. */
    private void applyDetail(RunDto detail, long read) {
        if (read < readApplied) {
            return;
        }
        boolean first = run.get() == null;
        readApplied = read;
        run.set(detail);
        runClock.follow(detail, isEnded());
        if (first && selectedTask.get() == null) {
            FirstFailure.of(detail).ifPresent(selectedTask::set); // a failed run opens on why it failed
        }
        Map<String, String> fresh = new HashMap<>();
        for (TaskDto task : detail.tasks()) {
            fresh.put(task.taskId(), task.status());
        }
        states.putAll(fresh);
    }

    /** On the UI thread: events of other runs are ignored. */
    void eventArrived(AgentSession.RunEvent event) {
        if (!runId.equals(event.runId())) {
            return;
        }
        switch (event.type()) {
            case "task" -> {
                String state = event.data().path("status").asText();
                states.put(event.data().path("task_id").asText(), state);
                if (!state.equals("running")) {
                    readDetailSoon(); // attempts, errors and outputs come with the detail
                }
            }
            case "log" -> log.add(event.data());
            case "run" -> readDetailSoon();
            default -> readDetailSoon();
        }
    }

    private void readDetailSoon() {
        if (detailQueued) {
            readAgain = true; // what changed now may come after the read under way has looked
            return;
        }
        detailQueued = true;
        long read = readsStarted.incrementAndGet();
        io.execute(() -> {
            try {
                RunDto detail = session.client().run(runId);
                ui.execute(() -> {
                    detailQueued = false;
                    applyDetail(detail, read);
                    if (readAgain) {
                        readAgain = false;
                        readDetailSoon();
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    detailQueued = false;
                    problem.set(e.getMessage());
                });
            }
        });
    }

    public ReadOnlyObjectProperty<RunDto> runProperty() {
        return run;
    }

    /** The pipeline's DAG, laid out (in the background: a big one takes a moment). */
    public ReadOnlyObjectProperty<LaidOutGraph> graphProperty() {
        return graph;
    }

    public ReadOnlyObjectProperty<List<TaskShape>> tasksProperty() {
        return tasks;
    }

    /** Task id to state, live. */
    public ObservableMap<String, String> states() {
        return states;
    }

    public ObservableList<LogLine> log() {
        return log.lines();
    }

    public StringProperty selectedTaskProperty() {
        return selectedTask;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** The selected task's detail, if the run has loaded. */
    public Optional<TaskDto> selectedTaskDetail() {
        RunDto current = run.get();
        if (current == null || selectedTask.get() == null || current.tasks() == null) {
            return Optional.empty();
        }
        return current.tasks().stream()
                .filter(task -> task.taskId().equals(selectedTask.get()))
                .findFirst();
    }

    /** The instant the live figures are at: it ticks each second while the run runs, and stops at its end. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return runClock.nowProperty();
    }

    /** The run's duration in milliseconds: to its end, or to now while it runs; null before it started. */
    public ReadOnlyObjectProperty<Long> durationProperty() {
        return runClock.durationProperty();
    }

    /** Whether the duration still grows: the run has not ended and the run detail is open. */
    public boolean isTicking() {
        return runClock.isTicking();
    }

    public boolean isEnded() {
        return run.get() != null && ENDED.contains(run.get().status());
    }

    /** This run beside the last success of its pipeline before it, read in the background from now. */
    public RunCompareModel compareWithLastSuccess(Clock clock) {
        return new RunCompareModel(session, run.get(), clock).open();
    }

    public void cancel(Consumer<String> report) {
        session.perform("Cancel " + runId, () -> session.client().cancel(runId), report);
    }

    /** Starts a retry of this run and hands its id to {@code opened}. */
    public void retry(Consumer<String> opened, Consumer<String> report) {
        session.perform(
                "Retry " + runId,
                () -> {
                    String newRun = session.client().retry(runId);
                    ui.execute(() -> opened.accept(newRun));
                },
                report);
    }

    /**
     * On the UI thread, at each of the session's polls (every 5 s): a run that another agent of the cluster runs
     * sends this agent's event stream nothing, so while it goes on it is read again, with its new log lines.
     */
    private void followElsewhere() {
        RunDto current = run.get();
        var reading = session.infoProperty().get();
        if (current == null
                || isEnded()
                || followQueued
                || reading == null
                || current.agentId() == null
                || current.agentId().equals(reading.agentId())) {
            return;
        }
        followQueued = true;
        long read = readsStarted.incrementAndGet();
        long after = log.lastId();
        io.execute(() -> {
            try {
                // the detail first: once it says ended, the lines read after it are all there are
                RunDto detail = session.client().run(runId);
                List<LogLine> lines = session.client().logs(runId, after, LOG_PAGE);
                ui.execute(() -> {
                    followQueued = false;
                    applyDetail(detail, read);
                    log.append(lines);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    followQueued = false;
                    problem.set(e.getMessage());
                });
            }
        });
    }

    @Override
    public void close() {
        runClock.close();
        session.removeRunListener(listener);
        session.updatedAtProperty().removeListener(polled);
    }
}
