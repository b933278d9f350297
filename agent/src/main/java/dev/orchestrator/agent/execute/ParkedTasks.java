package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tasks of one run parked at a gate ({@link PoolGate}, {@link ResourceGate}) in the order they were parked, each
 * with the reason last stored for it, and whether the gate was woken since the parked tasks last tried again.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class ParkedTasks {

    /** What a parked task's new try found. */
    enum Retry {
        /** it holds what it waited for now, and starts */
        ADMITTED,
        /** it waits on; the tasks parked after it try too */
        WAITS,
        /** it waits on, and the tasks parked after it wait behind it without trying */
        WAITS_AHEAD_OF_THE_REST
    }

    private final Map<String, Task> parked = new LinkedHashMap<>();
    // the reason last stored for each parked task, so that an unchanged one is not written again
    private final Map<String, String> reasons = new HashMap<>();
    private boolean woken;

    boolean contains(String taskId) {
        return parked.containsKey(taskId);
    }

    boolean isEmpty() {
        return parked.isEmpty();
    }

    List<Task> inOrder() {
        return List.copyOf(parked.values());
    }

    List<String> ids() {
        return new ArrayList<>(parked.keySet());
    }

    /**
     * The task waits, for {@code reason}.
     *
     * @return true when the reason is new for it (parked now, or waiting for something else): it is to be stored
     */
    boolean park(Task task, String reason) {
        parked.putIfAbsent(task.id(), task);
        return !reason.equals(reasons.put(task.id(), reason));
    }

    /** The task waits no more (it starts, it ended, it left). @return true when it was parked */
    boolean remove(String taskId) {
        reasons.remove(taskId);
        return parked.remove(taskId) != null;
    }

    /** The run ended: its tasks wait no more (what they queued for was given back with the run's). */
    void clear() {
        parked.clear();
        reasons.clear();
    }

    /** What the parked tasks wait for may have come free: the next {@link #retry} tries them again. */
    void wake() {
        woken = true;
    }

    /**
     * After a {@link #wake()}: tries the parked tasks again, in the order they were parked, until {@code room} are
     * admitted; a task that ended or runs meanwhile is handed to {@code forget} instead.
     *
     * @return the tasks admitted, to be started
     */
    List<Task> retry(TaskBoard board, int room, Consumer<Task> forget, Function<Task, Retry> admit) {
        if (!woken || parked.isEmpty()) {
            return List.of();
        }
        woken = false;
        List<Task> admitted = new ArrayList<>();
        for (Task task : inOrder()) {
            if (admitted.size() >= room) {
                woken = true; // the run is at its max_concurrency: the rest ask when one of its tasks ends
                break;
            }
            TaskState state = board.state(task.id());
            if (state.isTerminal() || state == TaskState.RUNNING) {
                forget.accept(task);
                continue;
            }
            Retry retry = admit.apply(task);
            if (retry == Retry.ADMITTED) {
                admitted.add(task);
            } else if (retry == Retry.WAITS_AHEAD_OF_THE_REST) {
                break;
            }
        }
        return admitted;
    }

    /** The parked tasks that ended meanwhile (skipped by stop_on_failure, marked by an operator). */
    List<Task> ended(TaskBoard board) {
        List<Task> ended = new ArrayList<>();
        for (Task task : parked.values()) {
            if (board.state(task.id()).isTerminal()) {
                ended.add(task);
            }
        }
        return ended;
    }
}
