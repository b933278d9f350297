package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Decides the pending tasks of one run and starts those that are ready (SPEC 4): a task whose dependencies ended
 * is settled by its trigger rule, then by its {@code run_if} ({@link RunIfGate}); of those ready, an event wait
 * starts at once (it takes no slot), the others in file order while the run has a free slot of its
 * {@code max_concurrency}: a {@code for_each} task as a map ({@link MapTasks}), a parked sensor with its next poke,
 * any other with a new attempt ({@link AttemptSupervisor}); a task that names a shared pool only once it holds its
 * slots, else it is parked in the pool's queue ({@link PoolGate}); then a task with {@code resources} only once they
 * fit beside the attempts running on this agent, else it is parked in the agent's queue ({@link ResourceGate}), keeping
 * its pool's slots until it starts or ends without running. Tasks that end without running are recorded with why.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class TaskStarter {

    private final Pipeline pipeline;
    private final EngineServices services;
    private final TaskBoard board;
    private final RunRecorder recorder;
    private final RunAttempts attempts;
    private final RunIfGate runIfGate;
    private final WaitingTasks waitingTasks;
    private final MapTasks maps;
    private final AttemptSupervisor supervisor;
    private final Map<String, Object> outputs;
    private final RunCancellation cancellation;
    private final PoolGate pools;
    private final ResourceGate resources;

    /** @param outputs the outputs of the run's tasks that succeeded so far, read when a task is decided or starts */
    TaskStarter(
            Pipeline pipeline,
            Map<String, Object> variables,
            EngineServices services,
            TaskBoard board,
            RunRecorder recorder,
            RunAttempts attempts,
            MapTasks maps,
            AttemptSupervisor supervisor,
            Map<String, Object> outputs,
            RunCancellation cancellation,
            PoolGate pools,
            ResourceGate resources) {
        this.pipeline = pipeline;
        this.services = services;
        this.board = board;
        this.recorder = recorder;
        this.attempts = attempts;
        this.runIfGate = new RunIfGate(services.templates(), variables);
        this.waitingTasks = supervisor.waitingTasks();
        this.maps = maps;
        this.supervisor = supervisor;
        this.outputs = outputs;
        this.cancellation = cancellation;
        this.pools = pools;
        this.resources = resources;
    }

    /** Decides the pending tasks whose dependencies changed, and records those that end without running. */
    void settlePendingTasks() {
        List<String> gated;
        do {
            board.settle(cancellation.underWay())
                    .forEach((state, ids) -> recordWithoutRunning(ids, state, reasonFor(state)));
            gated = board.takeToGate();
            gated.forEach(this::applyRunIf);
        } while (!gated.isEmpty()); // a task its run_if ended decides its dependents in turn
        pools.forgetEnded(board);
        pools.giveBack(resources.forgetEnded(board)); // they held their slots while they waited for resources
    }

    private void applyRunIf(String taskId) {
        runIfGate
                .check(board.task(taskId), outputs)
                .ifPresentOrElse(
                        verdict -> {
                            endWithoutRunning(List.of(taskId), verdict.state(), verdict.reason());
                            if (verdict.state() == TaskState.FAILED && pipeline.stopOnFailure()) {
                                board.stopStarting();
                            }
                        },
                        () -> board.passGate(taskId));
    }

    void startReadyTasks() {
        if (cancellation.underWay()) {
            return;
        }
        while (board.hasWaitToStart()) { // an event wait takes no slot
            waitingTasks.startWait(board.task(board.nextWaitToStart()));
        }
        // parked tasks first: they were ready before any task now ready; those waiting for resources hold their slots
        resources.admitParked(board, room()).forEach(this::start);
        pools.admitParked(board, room()).forEach(this::startWithinResources);
        while (room() > 0 && board.hasTaskToStart()) {
            String taskId = board.nextToStart();
            if (pools.isParked(taskId) || resources.isParked(taskId)) {
                continue; // found ready again (stop_on_failure looked at it anew): it keeps its place in the queue
            }
            Task task = board.task(taskId);
            if (pools.admit(task)) {
                startWithinResources(task);
            }
        }
    }

    private int room() {
        return pipeline.maxConcurrency() - attempts.runningCount();
    }

    private void startWithinResources(Task task) {
        if (resources.admit(task)) {
            start(task);
        }
    }

    private void start(Task task) {
        if (task.isMap()) { // its items take slots of their own (max_parallel)
            startMap(task);
            return;
        }
        waitingTasks
                .takeSensor(task.id())
                .ifPresentOrElse(sensor -> supervisor.execute(task, sensor), () -> supervisor.start(task));
    }

    /**
     * The run is being cancelled: tasks waiting for a pool's slots or this agent's resources leave their queues.
     *
     * @return them, to be cancelled
     */
    List<String> leaveQueues() {
        List<String> left = new java.util.ArrayList<>(pools.leaveAll());
        List<String> waitingForResources = resources.leaveAll();
        pools.giveBack(waitingForResources);
        left.addAll(waitingForResources);
        return left;
    }

    private void startMap(Task task) {
        int number = attempts.next(task.id());
        Instant now = services.clock().instant();
        board.set(task.id(), TaskState.RUNNING);
        recorder.attemptStarted(task.id(), number, now);
        maps.begin(task, attempts.create(task, number, now), outputs);
    }

    /** The tasks end as {@code state} without running (cancelled while waiting for a retry, skipped by run_if). */
    void endWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        taskIds.forEach(taskId -> board.set(taskId, state));
        recordWithoutRunning(taskIds, state, reason);
    }

    private void recordWithoutRunning(List<String> taskIds, TaskState state, String reason) {
        recorder.finishedWithoutRunning(taskIds, state, reason, attempts::count);
    }

    private String reasonFor(TaskState state) {
        return switch (state) {
            case SKIPPED ->
                board.isStopping()
                        ? "not started: an earlier task failed and stop_on_failure is true"
                        : "not started: its trigger_rule does not hold";
            case UPSTREAM_FAILED -> "not started: a task it depends on did not succeed";
            case CANCELLED -> cancellation.reason();
            default -> null;
        };
    }
}
