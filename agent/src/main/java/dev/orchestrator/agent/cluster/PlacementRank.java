package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.store.HeartbeatStore.Capacity;
import dev.orchestrator.model.ResourceProfile;
import java.util.Optional;

/**
 * How well an agent suits a new run (issue 21). For a run whose tasks ask for resources: first an agent where its
 * largest task fits now, then one that does not tell its capacity (an earlier version), then one where it does not
 * fit; among alike, the most free memory, then the most free processors; last, the fewest runs going. For a run asking
 * nothing, only the runs going count. Immutable.
 *
 * @param load   the runs going on the agent
 * @param free   what is free of its resources, if it tells
 * @param demand what the run asks at most
 */
record PlacementRank(int load, Optional<Capacity> free, ResourceProfile demand) {

    private static final double CPU_SLACK = 1e-9;

    static PlacementRank of(int load, Optional<Capacity> free, ResourceProfile demand) {
        return new PlacementRank(load, free, demand);
    }

    /** The agent's rank once the runs handed to it since its heartbeat are counted: more load, less free. */
    PlacementRank after(Handed handed) {
        if (handed == null) {
            return this;
        }
        return new PlacementRank(
                load + handed.runs(),
                free.map(capacity -> new Capacity(
                        Math.max(0, capacity.memoryMb() - handed.memoryMb()),
                        Math.max(0, capacity.cpu() - handed.cpu()))),
                demand);
    }

    /** True when a run should rather go to this agent than to {@code other}. */
    boolean isBetterThan(PlacementRank other) {
        if (!demand.isNone()) {
            int byFit = Integer.compare(fitLevel(), other.fitLevel());
            if (byFit != 0) {
                return byFit > 0;
            }
            if (free.isPresent() && other.free.isPresent()) {
                int byMemory =
                        Long.compare(free.get().memoryMb(), other.free.get().memoryMb());
                if (byMemory != 0) {
                    return byMemory > 0;
                }
                int byCpu = Double.compare(free.get().cpu(), other.free.get().cpu());
                if (byCpu != 0) {
                    return byCpu > 0;
                }
            }
        }
        return load < other.load;
    }

    /** 2: the run's largest task fits now; 1: not known; 0: it does not fit now. */
    private int fitLevel() {
        return free.map(capacity ->
                        capacity.memoryMb() >= demand.memoryMb() && capacity.cpu() + CPU_SLACK >= demand.cpu() ? 2 : 0)
                .orElse(1);
    }

    /** The runs handed to an agent since its heartbeat was read, and what they ask at most. */
    record Handed(int runs, long memoryMb, double cpu) {

        static Handed of(ResourceProfile demand) {
            return new Handed(1, demand.memoryMb(), demand.cpu());
        }

        Handed plus(Handed more) {
            return new Handed(runs + more.runs, memoryMb + more.memoryMb, cpu + more.cpu);
        }
    }
}
