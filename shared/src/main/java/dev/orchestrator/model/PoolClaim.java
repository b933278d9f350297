package dev.orchestrator.model;

/**
 * The slots a task takes of a shared pool while it runs ({@code pool: warehouse}, {@code pool_slots: 2}), given on
 * the task or, for all its tasks, on the pipeline. Immutable.
 *
 * @param pool  the pool's name, declared under a file's top-level {@code pools:}
 * @param slots how many of its slots one attempt holds, at least 1
 */
public record PoolClaim(String pool, int slots) {

    public static final int DEFAULT_SLOTS = 1;

    /**
     * How the reason of a task waiting for a pool's slots begins ({@code waiting for pool warehouse: 4 of 4 slots
     * taken by ...}): the API shows such a pending task as {@code queued}.
     */
    public static final String WAITING_REASON_PREFIX = "waiting for pool ";

    /** True for the reason of a task that waits for a pool's slots. */
    public static boolean isWaitingReason(String reason) {
        return reason != null && reason.startsWith(WAITING_REASON_PREFIX);
    }
}
