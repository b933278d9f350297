package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * This agent's resources as one run meets them: a task ready to start (holding its pool's slots, if it takes any)
 * starts only once its {@code resources} fit beside the attempts running here ({@link ResourceAdmission}); else it is
 * parked here, holding no thread and no slot of its run's {@code max_concurrency}, with why it waits stored for its
 * run's detail. When resources may have come free the admission wakes the run, and the parked tasks try again, in
 * the order they were parked.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class ResourceGate {

    private final ResourceAdmission admission;
    private final String runId;
    private final Runnable waker;
    // the tasks waiting for resources, in the order they began to
    private final ParkedTasks parked = new ParkedTasks();
    // tasks that took resources in this run, given back when it ends if an attempt left them
    private final Set<String> claimed = new HashSet<>();

    /** @param loop the run's: a wake is a step of the run that asks for resources again and moves the run on */
    ResourceGate(ResourceAdmission admission, String runId, RunLoop loop) {
        this.admission = admission;
        this.runId = runId;
        this.waker = () -> loop.step(() -> {
            wake();
            loop.pump();
        });
    }

    /** True when the task may start now: it asks for nothing, or it has just taken what it asks. Else it is parked. */
    boolean admit(Task task) {
        if (task.resources().isNone() || !task.callsConnector()) {
            return true;
        }
        claimed.add(task.id());
        var waiting = admission.tryAcquire(runId, task.id(), task.resources(), waker);
        if (waiting.isEmpty()) {
            parked.remove(task.id()); // the attempt's start clears the stored reason
            return true;
        }
        if (parked.park(task, waiting.get())) {
            admission.noteWaiting(runId, task.id(), waiting.get());
        }
        return false;
    }

    boolean isParked(String taskId) {
        return parked.contains(taskId);
    }

    /** Resources may have come free: the next {@link #admitParked} asks for them. */
    void wake() {
        parked.wake();
    }

    /**
     * After a {@link #wake()}: the parked tasks that now hold their resources, in the order they were parked, at most
     * {@code room}; once one finds no room, the others (behind it in the agent's queue) are not asked.
     */
    List<Task> admitParked(TaskBoard board, int room) {
        return parked.retry(
                board,
                room,
                this::forget,
                task -> admit(task) ? ParkedTasks.Retry.ADMITTED : ParkedTasks.Retry.WAITS_AHEAD_OF_THE_REST);
    }

    /**
     * Parked tasks that ended meanwhile (skipped by stop_on_failure, marked by an operator) leave the queue.
     *
     * @return their ids: they ended without running, and what they took before (their pool's slots) goes back
     */
    List<String> forgetEnded(TaskBoard board) {
        List<Task> ended = parked.ended(board);
        ended.forEach(this::forget);
        return ended.stream().map(Task::id).toList();
    }

    /** The run is being cancelled: every parked task leaves the queue. @return their ids, to be cancelled */
    List<String> leaveAll() {
        List<String> left = parked.ids();
        parked.inOrder().forEach(this::forget);
        return left;
    }

    /** The run ended (finished or crashed): what it still holds or queues for goes back. */
    void runEnded() {
        claimed.forEach(taskId -> admission.release(runId, taskId));
        parked.inOrder().forEach(this::forget);
    }

    private void forget(Task task) {
        parked.remove(task.id());
        admission.leave(runId, task.id());
    }
}
