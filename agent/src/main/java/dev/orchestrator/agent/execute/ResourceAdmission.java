package dev.orchestrator.agent.execute;

import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.ResourceProfile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of this agent (issue 21): what the attempts running here use of its {@code --max-memory-mb} and
 * {@code --max-cpu}, in memory, for this agent alone. A task starts only when its {@link ResourceProfile} fits beside
 * the attempts running; else it waits in one queue, oldest first: a task never passes one that waits ahead of it.
 * When resources come back, or the task at the head of the queue changes, the run of the (new) head is woken, on this
 * admission's own thread and outside every run's lock; it starts its task, which wakes the next. A profile larger
 * than the agent's limits (which the validator refuses at load, RES001) runs alone instead of waiting for ever.
 *
 * <p>Thread-safe.
 */
public final class ResourceAdmission implements AutoCloseable {

    /** Sums of fractions (0.1 + 0.2) are not exact: a profile fits when it is over by less than this. */
    private static final double CPU_SLACK = 1e-9;

    /** Where the reason a task waits is stored, for its run's detail (the store's column of pool reasons). */
    @FunctionalInterface
    public interface WaitingNotes {
        void note(String runId, String taskId, String reason);
    }

    /** What the attempts running on this agent use now. */
    public record Usage(long memoryMb, double cpu, int attempts) {}

    private final ResourceLimits limits;
    private final WaitingNotes notes;
    // guarded by this: the profiles held by running attempts, and the tasks waiting, oldest first, each with its run's
    // waker; keyed "runId/taskId"
    private final Map<String, ResourceProfile> held = new LinkedHashMap<>();
    private final Map<String, Runnable> waiting = new LinkedHashMap<>();
    private long memoryInUse;
    private double cpuInUse;
    private final RunWakes wakes = new RunWakes("resource-wakes-", "resources");

    public ResourceAdmission(ResourceLimits limits, WaitingNotes notes) {
        this.limits = limits;
        this.notes = notes;
    }

    /** An engine with no limits of its own (tests of other parts, tools): every task fits. */
    public static ResourceAdmission unlimited() {
        return new ResourceAdmission(new ResourceLimits(Long.MAX_VALUE, Double.MAX_VALUE), (run, task, reason) -> {});
    }

    public ResourceLimits limits() {
        return limits;
    }

    public synchronized Usage inUse() {
        return new Usage(memoryInUse, cpuInUse, held.size());
    }

    /** What is free now: the limits less what the running attempts use. */
    public synchronized ResourceProfile free() {
        return new ResourceProfile(
                Math.max(0, limits.maxMemoryMb() - memoryInUse), Math.max(0, limits.maxCpu() - cpuInUse));
    }

    /**
     * Takes the task's profile when it fits beside the attempts running and no task waits ahead of it; else the task
     * waits in the queue, and {@code waker} is run when it may fit (until it is admitted or {@link #leave}s).
     *
     * @return empty when the task holds its resources now; else why it waits, as its run's detail shows it
     */
    Optional<String> tryAcquire(String runId, String taskId, ResourceProfile profile, Runnable waker) {
        if (profile.isNone()) {
            return Optional.empty();
        }
        String key = key(runId, taskId);
        List<Runnable> toWake = new ArrayList<>();
        String reason;
        synchronized (this) {
            int ahead = ahead(key);
            if (ahead == 0 && fits(profile)) {
                held.put(key, profile);
                memoryInUse += profile.memoryMb();
                cpuInUse += profile.cpu();
                if (waiting.remove(key) != null) {
                    head().ifPresent(toWake::add); // the next in line may fit too
                }
            } else {
                waiting.putIfAbsent(key, waker);
            }
            reason = held.containsKey(key) ? null : reason(profile, ahead);
        }
        wakes.wake(toWake);
        return Optional.ofNullable(reason);
    }

    /** Stores why the task waits, where its run's detail shows it. */
    void noteWaiting(String runId, String taskId, String reason) {
        notes.note(runId, taskId, reason);
    }

    /** The task's attempt ended (or its sensor waits for its next poke): its resources come back. */
    void release(String runId, String taskId) {
        Optional<Runnable> next;
        synchronized (this) {
            ResourceProfile profile = held.remove(key(runId, taskId));
            if (profile == null) {
                return;
            }
            memoryInUse -= profile.memoryMb();
            cpuInUse -= profile.cpu();
            if (held.isEmpty()) { // no drift of fractions left behind
                memoryInUse = 0;
                cpuInUse = 0;
            }
            next = head();
        }
        next.ifPresent(waker -> wakes.wake(List.of(waker)));
    }

    /** The task no longer waits (it ended without running, or its run is cancelled or ended). */
    void leave(String runId, String taskId) {
        Optional<Runnable> next = Optional.empty();
        synchronized (this) {
            String key = key(runId, taskId);
            boolean wasHead =
                    waiting.keySet().stream().findFirst().filter(key::equals).isPresent();
            if (waiting.remove(key) != null && wasHead) {
                next = head();
            }
        }
        next.ifPresent(waker -> wakes.wake(List.of(waker)));
    }

    private boolean fits(ResourceProfile profile) {
        if (held.isEmpty()) {
            return true; // even one larger than the limits: alone, rather than never
        }
        return memoryInUse + profile.memoryMb() <= limits.maxMemoryMb()
                && cpuInUse + profile.cpu() <= limits.maxCpu() + CPU_SLACK;
    }

    /** How many tasks wait ahead of this one: all the queue when it is not in it yet. */
    private int ahead(String key) {
        int count = 0;
        for (String waiter : waiting.keySet()) {
            if (waiter.equals(key)) {
                return count;
            }
            count++;
        }
        return count;
    }

    private Optional<Runnable> head() {
        Iterator<Runnable> first = waiting.values().iterator();
        return first.hasNext() ? Optional.of(first.next()) : Optional.empty();
    }

    private String reason(ResourceProfile profile, int ahead) {
        StringBuilder reason = new StringBuilder(ResourceProfile.WAITING_REASON_PREFIX)
                .append("needs ")
                .append(profile.describe())
                .append("; ")
                .append(memoryInUse)
                .append(" of ")
                .append(limits.maxMemoryMb())
                .append(" MB, ")
                .append(ResourceProfile.formatCpu(cpuInUse))
                .append(" of ")
                .append(ResourceProfile.formatCpu(limits.maxCpu()))
                .append(" CPU in use");
        QueueReasons.appendHolders(reason, held.keySet(), key -> key.replace("/", " / "));
        QueueReasons.appendAhead(reason, ahead);
        return reason.toString();
    }

    private static String key(String runId, String taskId) {
        return runId + "/" + taskId;
    }

    @Override
    public void close() {
        wakes.close();
    }
}
