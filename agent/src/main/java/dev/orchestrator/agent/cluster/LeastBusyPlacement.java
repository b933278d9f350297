package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.execute.RunPlacement;
import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.HeartbeatStore.Heartbeat;
import dev.orchestrator.agent.store.RunHandOvers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled runs of a cluster go to the agent with the fewest runs going (SPEC 11): a new run stays on the agent
 * that fired it unless another live agent has strictly fewer, so short runs on an idle cluster never pay for a
 * hand-over, and long ones spread. The others' loads come from their heartbeats (read at most once per
 * {@code refresh}, best the heartbeat interval); runs handed to an agent since are added to its load, so that fires
 * due together do not all go to the agent that was idlest when last read. An agent that is stopping tells so with
 * a load of -1 and gets nothing. Thread-safe.
 */
public final class LeastBusyPlacement implements RunPlacement {

    private final String selfId;
    private final HeartbeatStore heartbeats;
    private final RunHandOvers runs;
    private final Duration fresh;
    private final Duration refresh;
    // guarded by this
    private List<Heartbeat> members = List.of();
    private long readAt = Long.MIN_VALUE;
    private final Map<String, Integer> handedSinceRead = new HashMap<>();

    /**
     * @param fresh   an agent whose last heartbeat is older than this gets nothing: it may be dying
     * @param refresh how long the heartbeats read are used before they are read again
     */
    public LeastBusyPlacement(
            String selfId, HeartbeatStore heartbeats, RunHandOvers runs, Duration fresh, Duration refresh) {
        this.selfId = selfId;
        this.heartbeats = heartbeats;
        this.runs = runs;
        this.fresh = fresh;
        this.refresh = refresh;
    }

    @Override
    public synchronized Optional<String> elsewhere(int activeHere) {
        if (System.nanoTime() - readAt >= refresh.toNanos() || readAt == Long.MIN_VALUE) {
            members = heartbeats.heartbeats();
            readAt = System.nanoTime();
            handedSinceRead.clear();
        }
        String idlest = null;
        int idlestLoad = Integer.MAX_VALUE;
        for (Heartbeat member : members) {
            String id = member.agent().agentId();
            if (id.equals(selfId) || member.silence().compareTo(fresh) > 0 || member.activeRuns() < 0) {
                continue; // itself, one that may be dying, or one that is stopping
            }
            int load = member.activeRuns() + handedSinceRead.getOrDefault(id, 0);
            if (load < idlestLoad) {
                idlest = id;
                idlestLoad = load;
            }
        }
        if (idlest == null || idlestLoad >= activeHere) {
            return Optional.empty();
        }
        handedSinceRead.merge(idlest, 1, Integer::sum);
        return Optional.of(idlest);
    }

    @Override
    public java.util.OptionalInt runsInCluster(String pipelineId) {
        return java.util.OptionalInt.of(runs.countUnfinished(pipelineId));
    }
}
