package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.execute.RunPlacement;
import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.HeartbeatStore.Capacity;
import dev.orchestrator.agent.store.HeartbeatStore.Heartbeat;
import dev.orchestrator.agent.store.RunHandOvers;
import dev.orchestrator.model.ResourceProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scheduled runs of a cluster go to the agent with the most free capacity for them, else the fewest runs going
 * (SPEC 11, issue 21): a run whose tasks ask for resources goes first to an agent where its largest task fits now,
 * then to the one with the most free memory, then the most free processors ({@link PlacementRank}); a run asking
 * nothing, and agents alike in capacity, go by the fewest runs. A new run stays on the agent that fired it unless
 * another live agent ranks strictly better, so short runs on an idle cluster never pay for a hand-over, and long ones
 * spread. The others' loads and free capacity come from their heartbeats (read at most once per {@code refresh}, best
 * the heartbeat interval), this agent's own are read live; runs handed to an agent since its heartbeat are added to
 * its load and taken from its free capacity, so that fires due together do not all go to the agent that was idlest
 * when last read. An agent that is stopping tells so with a load of -1 and gets nothing. Thread-safe.
 */
public final class LeastBusyPlacement implements RunPlacement {

    private final String selfId;
    private final HeartbeatStore heartbeats;
    private final RunHandOvers runs;
    private final Duration fresh;
    private final Duration refresh;
    private final Supplier<Optional<Capacity>> freeHere;
    // guarded by this
    private List<Heartbeat> members = List.of();
    private long readAt = Long.MIN_VALUE;
    private final Map<String, PlacementRank.Handed> handedSinceRead = new HashMap<>();
    // what the runs kept here since then ask: their tasks may not have taken it yet (their runs are counted live)
    private PlacementRank.Handed keptSinceRead;

    /**
     * @param fresh   an agent whose last heartbeat is older than this gets nothing: it may be dying
     * @param refresh how long the heartbeats read are used before they are read again
     */
    public LeastBusyPlacement(
            String selfId, HeartbeatStore heartbeats, RunHandOvers runs, Duration fresh, Duration refresh) {
        this(selfId, heartbeats, runs, fresh, refresh, Optional::empty);
    }

    /** @param freeHere what is free now of this agent's resources */
    public LeastBusyPlacement(
            String selfId,
            HeartbeatStore heartbeats,
            RunHandOvers runs,
            Duration fresh,
            Duration refresh,
            Supplier<Optional<Capacity>> freeHere) {
        this.selfId = selfId;
        this.heartbeats = heartbeats;
        this.runs = runs;
        this.fresh = fresh;
        this.refresh = refresh;
        this.freeHere = freeHere;
    }

    @Override
    public Optional<String> elsewhere(int activeHere) {
        return elsewhere(activeHere, ResourceProfile.NONE);
    }

    @Override
    public synchronized Optional<String> elsewhere(int activeHere, ResourceProfile demand) {
        if (System.nanoTime() - readAt >= refresh.toNanos() || readAt == Long.MIN_VALUE) {
            members = heartbeats.heartbeats();
            readAt = System.nanoTime();
            handedSinceRead.clear();
            keptSinceRead = null;
        }
        PlacementRank here =
                PlacementRank.of(activeHere, freeHere.get(), demand).after(keptSinceRead);
        String best = null;
        PlacementRank bestRank = null;
        for (Heartbeat member : members) {
            String id = member.agent().agentId();
            if (id.equals(selfId) || member.silence().compareTo(fresh) > 0 || member.activeRuns() < 0) {
                continue; // itself, one that may be dying, or one that is stopping
            }
            PlacementRank rank =
                    PlacementRank.of(member.activeRuns(), member.free(), demand).after(handedSinceRead.get(id));
            if (bestRank == null || rank.isBetterThan(bestRank)) {
                best = id;
                bestRank = rank;
            }
        }
        if (best == null || !bestRank.isBetterThan(here)) {
            PlacementRank.Handed kept = new PlacementRank.Handed(0, demand.memoryMb(), demand.cpu());
            keptSinceRead = keptSinceRead == null ? kept : keptSinceRead.plus(kept);
            return Optional.empty();
        }
        handedSinceRead.merge(best, PlacementRank.Handed.of(demand), PlacementRank.Handed::plus);
        return Optional.of(best);
    }

    @Override
    public java.util.OptionalInt runsInCluster(String pipelineId) {
        return java.util.OptionalInt.of(runs.countUnfinished(pipelineId));
    }
}
