package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.PoolLeases;
import dev.orchestrator.api.PoolDto;
import dev.orchestrator.api.PoolSlotsDto;
import dev.orchestrator.api.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/pools}: the shared pools (issue 21), each with its size, the slots taken, who holds them and who
 * waits, across every agent sharing the database. The pools the config declares come first, in file order; a pool
 * no file declares now but that tasks still hold or wait for follows, with no size.
 */
public final class PoolResources {

    private final PoolLeases leases;
    private final Supplier<Map<String, Integer>> sizes;
    private final ZoneId zone;

    public PoolResources(PoolLeases leases, Supplier<Map<String, Integer>> sizes, ZoneId zone) {
        this.leases = leases;
        this.sizes = sizes;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/pools", request -> pools()).requires(Role.VIEWER));
    }

    private List<PoolDto> pools() {
        Map<String, Integer> declared = sizes.get();
        List<PoolLeases.Lease> held = leases.leases();
        List<PoolLeases.Waiter> waiters = leases.waiters();
        Set<String> names = new LinkedHashSet<>(declared.keySet());
        held.forEach(lease -> names.add(lease.pool()));
        waiters.forEach(waiter -> names.add(waiter.pool()));
        List<PoolDto> pools = new ArrayList<>(names.size());
        for (String name : names) {
            List<PoolSlotsDto> holders = held.stream()
                    .filter(lease -> lease.pool().equals(name))
                    .map(lease -> new PoolSlotsDto(
                            lease.runId(), lease.taskId(), lease.agentId(), lease.slots(), time(lease.acquiredAt())))
                    .toList();
            List<PoolSlotsDto> waiting = waiters.stream()
                    .filter(waiter -> waiter.pool().equals(name))
                    .map(waiter -> new PoolSlotsDto(
                            waiter.runId(), waiter.taskId(), waiter.agentId(), waiter.slots(), time(waiter.since())))
                    .toList();
            int taken = holders.stream().mapToInt(PoolSlotsDto::slots).sum();
            pools.add(new PoolDto(name, declared.get(name), taken, holders, waiting));
        }
        return pools;
    }

    private String time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
