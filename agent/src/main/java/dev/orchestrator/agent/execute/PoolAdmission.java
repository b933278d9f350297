package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.PoolLeases;
import dev.orchestrator.model.PoolClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared pools of the agent (issue 21): takes and gives back the slots of a task through the {@link PoolLeases}
 * of the database, which every agent of a cluster shares, and wakes the runs whose tasks wait for slots when some
 * may be free. A waiting task holds no thread: its run is told (on this admission's own thread, outside every run's
 * lock) when a task of this agent gives slots back, and every {@code poll} while any of its tasks wait, for the slots
 * other agents give back and the leases of agents declared dead.
 *
 * <p>Thread-safe.
 */
public final class PoolAdmission implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolAdmission.class);
    private static final PoolAdmission NONE =
            new PoolAdmission(Optional.empty(), Map::of, "", Duration.ZERO, Duration.ZERO);

    private final Optional<PoolLeases> leases;
    private final Supplier<Map<String, Integer>> sizes;
    private final String agentId;
    private final Duration expiry;
    // "runId/taskId" of the leases this agent holds, by pool: a task without one gives nothing back (no query)
    private final Map<String, String> held = new ConcurrentHashMap<>();
    // the runs with tasks waiting, by pool: each told (its waker run) when slots may have come free
    private final Map<String, Map<String, Runnable>> waiting = new ConcurrentHashMap<>();
    private final RunWakes wakes = new RunWakes("pool-wakes-", "pool slots");

    /**
     * @param sizes  the pools the agent's config declares now, by name
     * @param expiry how long an agent without a heartbeat row (declared dead by the others, or not beating yet) keeps
     *               the leases it took: the cluster's heartbeat limit
     * @param poll   how often runs whose tasks wait look again, for slots given back by other agents
     */
    public PoolAdmission(
            PoolLeases leases, Supplier<Map<String, Integer>> sizes, String agentId, Duration expiry, Duration poll) {
        this(Optional.of(leases), sizes, agentId, expiry, poll);
    }

    private PoolAdmission(
            Optional<PoolLeases> leases,
            Supplier<Map<String, Integer>> sizes,
            String agentId,
            Duration expiry,
            Duration poll) {
        this.leases = leases;
        this.sizes = sizes;
        this.agentId = agentId;
        this.expiry = expiry;
        leases.ifPresent(store -> wakes.every(poll, this::allWakers));
    }

    /** An engine without shared pools: every task is admitted at once (an engine without the agent's database). */
    public static PoolAdmission none() {
        return NONE;
    }

    /**
     * Gives back every lease and wait an earlier process of this agent left: its attempts ended with it. Before any
     * run starts.
     */
    public void recover() {
        leases.ifPresent(store -> {
            int released = store.releaseAllOf(agentId);
            if (released > 0) {
                LOG.info(
                        "gave back {} pool slots and places that an earlier process of agent {} held",
                        released,
                        agentId);
            }
        });
    }

    /**
     * Takes the task's slots when its pool has them free and no task waits ahead of it.
     *
     * @return empty when the task holds its slots now; else why it waits, as its run's detail shows it
     */
    Optional<String> tryAcquire(String runId, String taskId, PoolClaim claim) {
        if (leases.isEmpty()) {
            return Optional.empty();
        }
        Integer size = sizes.get().get(claim.pool());
        if (size == null) {
            return Optional.of(PoolClaim.WAITING_REASON_PREFIX + claim.pool() + ": no pipeline file of agent " + agentId
                    + " declares it now (add it under 'pools:')");
        }
        PoolLeases.Admission admission = leases.get()
                .tryAcquire(new PoolLeases.Request(claim.pool(), agentId, runId, taskId, claim.slots()), size, expiry);
        if (admission.admitted()) {
            held.put(key(runId, taskId), claim.pool());
            return Optional.empty();
        }
        return Optional.of(reason(claim, size, admission));
    }

    private static String reason(PoolClaim claim, int size, PoolLeases.Admission admission) {
        StringBuilder reason = new StringBuilder(PoolClaim.WAITING_REASON_PREFIX)
                .append(claim.pool())
                .append(": ")
                .append(admission.taken())
                .append(" of ")
                .append(size)
                .append(" slots taken");
        QueueReasons.appendHolders(reason, admission.holders(), lease -> lease.runId() + " / " + lease.taskId());
        QueueReasons.appendAhead(reason, admission.ahead());
        if (claim.slots() > 1) {
            reason.append("; it takes ").append(claim.slots()).append(" slots");
        }
        return reason.toString();
    }

    /** Stores why the task waits, where its run's detail shows it. */
    void noteWaiting(String runId, String taskId, String reason) {
        leases.ifPresent(store -> store.noteWaiting(runId, taskId, reason));
    }

    /**
     * The run has tasks waiting for the pool: {@code waker} is run (on this admission's thread, without the run's
     * lock) when slots of it may have come free, until {@link #stopWaiting}.
     */
    void waitFor(String pool, String runId, Runnable waker) {
        waiting.computeIfAbsent(pool, name -> new ConcurrentHashMap<>()).put(runId, waker);
    }

    /** The run has no task waiting for the pool any more. */
    void stopWaiting(String pool, String runId) {
        Map<String, Runnable> runs = waiting.get(pool);
        if (runs != null) {
            runs.remove(runId);
        }
    }

    /**
     * The task's attempt ended (or its sensor waits for the next poke): its slots are given back, and the runs
     * waiting for them are told. A task that held none costs nothing.
     */
    void release(String runId, String taskId) {
        String pool = held.remove(key(runId, taskId));
        if (pool != null) {
            leases.orElseThrow().release(runId, taskId);
            wake(pool);
        }
    }

    /** The task no longer waits for slots (it ended without running, or its run is cancelled). */
    void leave(String runId, String taskId) {
        leases.ifPresent(store -> store.release(runId, taskId));
    }

    /**
     * The run has ended: whatever of it is still held or queued goes back (a crash left it).
     *
     * @param claimed the tasks that took slots in the run (only those still held cost a query)
     * @param parked  the tasks still waiting in a queue
     */
    void releaseRun(String runId, Set<String> claimed, Set<String> parked) {
        claimed.forEach(taskId -> release(runId, taskId));
        parked.forEach(taskId -> leave(runId, taskId));
        waiting.values().forEach(runs -> runs.remove(runId));
    }

    private void wake(String pool) {
        Map<String, Runnable> runs = waiting.get(pool);
        if (runs != null) {
            wakes.wake(List.copyOf(runs.values()));
        }
    }

    /** Every run with tasks waiting, once. */
    private List<Runnable> allWakers() {
        return waiting.values().stream()
                .flatMap(runs -> runs.values().stream())
                .distinct()
                .toList();
    }

    private static String key(String runId, String taskId) {
        return runId + "/" + taskId;
    }

    @Override
    public void close() {
        wakes.close();
    }
}
