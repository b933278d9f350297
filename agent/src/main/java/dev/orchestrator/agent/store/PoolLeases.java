package dev.orchestrator.agent.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The slots of the shared pools (issue 21), as leases in the database that every agent of a cluster uses: a task
 * holds a lease while its attempt runs, and a task that finds no free slots waits in the pool's queue, oldest first.
 * A lease or a wait of an agent declared dead (its heartbeat row removed by a survivor, after its runs were marked
 * crashed) counts no more (it is deleted by the next agent that needs the slots), so a dead agent's slots come back,
 * and never before its runs are recorded crashed. Times are the database's clock, as heartbeats are. Thread-safe;
 * every method commits.
 */
public interface PoolLeases {

    /**
     * Takes the task's slots, in one transaction holding the pool's row: when the leases held leave room for them
     * and no task waits ahead of it in the pool's queue. Otherwise the task joins the queue (once; it keeps its
     * place), and its stored reason says what it waits for.
     *
     * @param size   the pool's size, as this agent's config declares it
     * @param expiry how long an agent without a heartbeat row (declared dead, or not beating yet) keeps the leases
     *               and waits it took: the cluster's heartbeat limit
     */
    Admission tryAcquire(Request request, int size, Duration expiry);

    /**
     * Stores why the task, not started yet, waits (its run's detail shows it), or clears it when {@code reason} is
     * null. A task already started or ended is left alone.
     */
    void noteWaiting(String runId, String taskId, String reason);

    /** The task's lease, or its place in a queue, is given back (its attempt ended, or its run did). */
    void release(String runId, String taskId);

    /** Every lease and wait of the agent is given back: an earlier process of it left them. @return how many */
    int releaseAllOf(String agentId);

    /** Every lease held now, by pool and then oldest first. */
    List<Lease> leases();

    /** Every task waiting for a pool now, by pool and then in queue order. */
    List<Waiter> waiters();

    /** A task asking for slots. */
    record Request(String pool, String agentId, String runId, String taskId, int slots) {}

    /** A lease held: the agent running the task holds {@code slots} of the pool since {@code acquiredAt}. */
    record Lease(String pool, String agentId, String runId, String taskId, int slots, Instant acquiredAt) {}

    /** A task waiting in a pool's queue since {@code since}. */
    record Waiter(String pool, String agentId, String runId, String taskId, int slots, Instant since) {}

    /**
     * What {@link #tryAcquire} found.
     *
     * @param admitted true when the task holds its slots now
     * @param taken    the pool's slots held (before this task's, when it was admitted)
     * @param holders  the leases of the pool, oldest first (when it was not admitted)
     * @param ahead    the tasks waiting ahead of this one
     */
    record Admission(boolean admitted, int taken, List<Lease> holders, int ahead) {

        public Admission {
            holders = List.copyOf(holders);
        }
    }
}
