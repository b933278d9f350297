package dev.orchestrator.agent.execute;

import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shared pools as one run meets them: a task ready to start that names a pool starts only once it holds its
 * slots ({@link PoolAdmission}); else it is parked here, in the pool's queue, holding no thread and no slot of its
 * run's {@code max_concurrency}, with why it waits stored for its run's detail. When slots may have come free the
 * admission wakes the run, and the parked tasks try again, in the order they were parked.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class PoolGate {

    private final PoolAdmission admission;
    private final String runId;
    private final Runnable waker;
    // the tasks waiting for slots, in the order they began to
    private final ParkedTasks parked = new ParkedTasks();
    // tasks that took slots in this run, given back when it ends if an attempt left them
    private final Set<String> claimed = new HashSet<>();

    /** @param loop the run's: a wake is a step of the run that asks for slots again and moves the run on */
    PoolGate(PoolAdmission admission, String runId, RunLoop loop) {
        this.admission = admission;
        this.runId = runId;
        this.waker = () -> loop.step(() -> {
            wake();
            loop.pump();
        });
    }

    /** True when the task may start now: it takes no pool's slots, or it has just taken them. Else it is parked. */
    boolean admit(Task task) {
        if (task.pool().isEmpty() || !task.callsConnector()) {
            return true;
        }
        PoolClaim claim = task.pool().get();
        claimed.add(task.id());
        Optional<String> waiting = admission.tryAcquire(runId, task.id(), claim);
        if (waiting.isEmpty()) {
            if (parked.remove(task.id())) { // the attempt's start clears the stored reason
                stopWaitingIfNoneParked(claim.pool());
            }
            return true;
        }
        if (!parked.contains(task.id())) {
            admission.waitFor(claim.pool(), runId, waker);
        }
        if (parked.park(task, waiting.get())) {
            admission.noteWaiting(runId, task.id(), waiting.get());
        }
        return false;
    }

    boolean isParked(String taskId) {
        return parked.contains(taskId);
    }

    /** Slots may have come free: the next {@link #admitParked} asks for them. */
    void wake() {
        parked.wake();
    }

    /**
     * After a {@link #wake()}: the parked tasks that now hold their slots, in the order they were parked, at most
     * {@code room}; a pool whose first parked task found no room is not asked again for the others (they queue
     * behind it).
     */
    List<Task> admitParked(TaskBoard board, int room) {
        Set<String> full = new HashSet<>();
        return parked.retry(board, room, this::forget, task -> {
            String pool = pool(task);
            if (full.contains(pool)) {
                return ParkedTasks.Retry.WAITS;
            }
            if (admit(task)) {
                return ParkedTasks.Retry.ADMITTED;
            }
            full.add(pool);
            return ParkedTasks.Retry.WAITS;
        });
    }

    /** Parked tasks that ended meanwhile (skipped by stop_on_failure, marked by an operator) leave their queues. */
    void forgetEnded(TaskBoard board) {
        if (!parked.isEmpty()) {
            parked.ended(board).forEach(this::forget);
        }
    }

    /** The run is being cancelled: every parked task leaves its queue. @return their ids, to be cancelled */
    List<String> leaveAll() {
        List<String> left = parked.ids();
        parked.inOrder().forEach(this::forget);
        return left;
    }

    /**
     * The tasks took their slots, then waited for something else (this agent's resources) and ended without running:
     * their slots go back now, not only when their run ends, and the tasks waiting for them are woken.
     */
    void giveBack(List<String> taskIds) {
        taskIds.forEach(taskId -> admission.release(runId, taskId));
    }

    /** The run ended (finished or crashed): what it still holds or queues for goes back. */
    void runEnded() {
        if (!claimed.isEmpty()) {
            admission.releaseRun(runId, claimed, Set.copyOf(parked.ids()));
            parked.clear();
        }
    }

    private void forget(Task task) {
        parked.remove(task.id());
        admission.leave(runId, task.id());
        stopWaitingIfNoneParked(pool(task));
    }

    private void stopWaitingIfNoneParked(String pool) {
        boolean anyLeft = parked.inOrder().stream().anyMatch(task -> pool(task).equals(pool));
        if (!anyLeft) {
            admission.stopWaiting(pool, runId);
        }
    }

    private static String pool(Task task) {
        return task.pool().orElseThrow().pool();
    }
}
