package dev.orchestrator.api;

import java.util.List;

/**
 * A shared pool, as {@code GET /api/v1/pools} lists it: its size, the slots taken and by whom, and the tasks waiting
 * for slots in queue order.
 *
 * @param size    its size in this agent's config; null for a pool no file declares now that tasks still hold or
 *                wait for
 * @param taken   the slots held now, by every agent sharing the database
 * @param holders the leases held, oldest first
 * @param waiting the tasks waiting for slots, the next to get them first
 */
public record PoolDto(String name, Integer size, int taken, List<PoolSlotsDto> holders, List<PoolSlotsDto> waiting) {

    public PoolDto {
        holders = List.copyOf(holders);
        waiting = List.copyOf(waiting);
    }
}
