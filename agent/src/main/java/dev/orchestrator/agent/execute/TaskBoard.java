package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where each task of one run stands, and which may start: the bookkeeping half of a run's state machine (its
 * coordinator does the rest: attempts, timers, the store). Only what changed is looked at again, in file
 * order, so a 10,000-task run stays linear. Not thread-safe: used under its coordinator's lock.
 */
final class TaskBoard {

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, TaskState> states = new LinkedHashMap<>();
    private final Map<String, List<String>> dependents = new LinkedHashMap<>();
    // pending tasks whose dependencies changed since they were last looked at; those found ready to start
    // (event waits apart: they need no slot); those whose retry wait is over; sensors due for their next poke
    private final TreeSet<String> toDecide;
    private final TreeSet<String> ready;
    private final TreeSet<String> readyWaits;
    private final TreeSet<String> retriesDue;
    private final TreeSet<String> pokesDue;
    // ready by their trigger rule, but their run_if is still to be rendered (RunIfGate), in file order
    private final TreeSet<String> toGate;
    private int unfinished;
    private boolean stopping;

    TaskBoard(List<Task> taskList) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (Task task : taskList) {
            tasks.put(task.id(), task);
            positions.put(task.id(), positions.size());
            states.put(task.id(), TaskState.PENDING);
            unfinished++;
            for (String dependency : task.dependsOn()) {
                dependents.computeIfAbsent(dependency, id -> new ArrayList<>()).add(task.id());
            }
        }
        Comparator<String> fileOrder = Comparator.comparingInt(positions::get);
        toDecide = new TreeSet<>(fileOrder);
        ready = new TreeSet<>(fileOrder);
        readyWaits = new TreeSet<>(fileOrder);
        retriesDue = new TreeSet<>(fileOrder);
        pokesDue = new TreeSet<>(fileOrder);
        toGate = new TreeSet<>(fileOrder);
        toDecide.addAll(tasks.keySet());
    }

    Task task(String taskId) {
        return tasks.get(taskId);
    }

    TaskState state(String taskId) {
        return states.get(taskId);
    }

    Map<String, TaskState> states() {
        return states;
    }

    void set(String taskId, TaskState state) {
        TaskState previous = states.put(taskId, state);
        if (previous != null && !previous.isTerminal() && state.isTerminal()) {
            unfinished--;
            List<String> waiting = dependents.get(taskId);
            if (waiting != null) {
                toDecide.addAll(waiting); // what depends on it may now be decided
            }
        }
    }

    boolean allFinished() {
        return unfinished == 0 && retriesDue.isEmpty();
    }

    /**
     * From now on tasks that need their dependencies to succeed do not start (stop_on_failure); pending tasks are
     * looked at again.
     */
    void stopStarting() {
        if (!stopping) {
            stopping = true;
            redecideAllPending();
        }
    }

    boolean isStopping() {
        return stopping;
    }

    /** Pending tasks must be looked at again: the run is stopping or being cancelled. */
    void redecideAllPending() {
        ready.clear();
        readyWaits.clear();
        states.forEach((taskId, state) -> {
            if (state == TaskState.PENDING) {
                toDecide.add(taskId);
            }
        });
    }

    /**
     * Decides the pending tasks whose dependencies changed: ready to start, or settled without running.
     *
     * @param cancelled true when every pending task is to be cancelled
     * @return the tasks settled, by their new state (already set here)
     */
    Map<TaskState, List<String>> settle(boolean cancelled) {
        Map<TaskState, List<String>> settled = new LinkedHashMap<>();
        while (!toDecide.isEmpty()) {
            String taskId = toDecide.pollFirst();
            if (states.get(taskId) != TaskState.PENDING) {
                continue;
            }
            TaskState outcome = null;
            if (cancelled) {
                outcome = TaskState.CANCELLED;
            } else {
                switch (decide(tasks.get(taskId))) {
                    case READY -> {
                        if (tasks.get(taskId).runIf().isPresent()) {
                            toGate.add(taskId);
                        } else {
                            passGate(taskId);
                        }
                    }
                    case SKIP -> outcome = TaskState.SKIPPED;
                    case UPSTREAM_FAILED -> outcome = TaskState.UPSTREAM_FAILED;
                    case WAIT -> {
                        // looked at again when one of its dependencies ends
                    }
                }
            }
            if (outcome != null) {
                ready.remove(taskId);
                readyWaits.remove(taskId);
                set(taskId, outcome);
                settled.computeIfAbsent(outcome, state -> new ArrayList<>()).add(taskId);
            }
        }
        return settled;
    }

    /** Tasks found ready whose run_if is to be rendered now; each then passes ({@link #passGate}) or ends. */
    List<String> takeToGate() {
        List<String> taken = new ArrayList<>(toGate);
        toGate.clear();
        return taken;
    }

    /** The task may start: its trigger rule holds, and its run_if, if any, was true. */
    void passGate(String taskId) {
        (EventWaiting.waits(tasks.get(taskId)) ? readyWaits : ready).add(taskId);
    }

    private TriggerRules.Decision decide(Task task) {
        List<TaskState> dependencies = new ArrayList<>(task.dependsOn().size());
        for (String dependency : task.dependsOn()) {
            TaskState state = states.get(dependency);
            if (state != null) {
                dependencies.add(state);
            }
        }
        return TriggerRules.decide(task.triggerRule(), dependencies, stopping);
    }

    /**
     * The next task that needs a slot: a retry whose wait is over first, then a sensor's next poke, then ready
     * tasks, in file order.
     */
    String nextToStart() {
        return !retriesDue.isEmpty()
                ? retriesDue.pollFirst()
                : !pokesDue.isEmpty() ? pokesDue.pollFirst() : ready.pollFirst();
    }

    boolean hasTaskToStart() {
        return !retriesDue.isEmpty() || !pokesDue.isEmpty() || !ready.isEmpty();
    }

    /** The next event wait ready to begin: waits take no slot, so they never queue behind other tasks. */
    String nextWaitToStart() {
        return readyWaits.pollFirst();
    }

    boolean hasWaitToStart() {
        return !readyWaits.isEmpty();
    }

    /** A sensor's interval is over: its next poke waits for a slot. */
    void pokeDue(String taskId) {
        pokesDue.add(taskId);
    }

    /** The sensor ended between pokes (timeout, cancel): its next poke is off. */
    void cancelPoke(String taskId) {
        pokesDue.remove(taskId);
    }

    void retryDue(String taskId) {
        retriesDue.add(taskId);
    }

    /** The task leaves every queue: an operator marked it, and it ends without another attempt. */
    void forget(String taskId) {
        ready.remove(taskId);
        readyWaits.remove(taskId);
        retriesDue.remove(taskId);
        pokesDue.remove(taskId);
    }

    /** Retries whose wait is over but that got no slot yet: taken off the board (the run is cancelled). */
    List<String> takeRetriesDue() {
        List<String> due = new ArrayList<>(retriesDue);
        retriesDue.clear();
        return due;
    }
}
