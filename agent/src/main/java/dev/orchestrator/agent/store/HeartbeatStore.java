package dev.orchestrator.agent.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agents using the database, each with its last heartbeat (SPEC 11). Times of heartbeats come from the
 * database's clock, so agents on machines whose clocks differ still agree on who is silent. Thread-safe; every
 * method commits.
 */
public interface HeartbeatStore {

    /**
     * Records that the agent is alive now, with what others may show about it and how many runs it has going
     * (what others go by to hand it work).
     *
     * @return true when the agent had a row already; false for its first beat, or after others removed its row
     */
    boolean beat(AgentPresence agent, int activeRuns);

    /**
     * A beat that also tells what is free of the agent's resources, for the others to place runs by.
     *
     * @return as {@link #beat(AgentPresence, int)}
     */
    default boolean beat(AgentPresence agent, int activeRuns, Optional<Capacity> free) {
        return beat(agent, activeRuns);
    }

    /** A beat of an agent with no runs going. */
    default boolean beat(AgentPresence agent) {
        return beat(agent, 0);
    }

    /** Every agent with a heartbeat row, with how long each has been silent; ordered by agent id. */
    List<Heartbeat> heartbeats();

    /** The agent's row, if it has one. */
    Optional<Heartbeat> find(String agentId);

    /**
     * Removes the agent's row if it is still the one that was read (same last heartbeat): an agent that beat
     * again meanwhile is alive and keeps its row.
     *
     * @return true when this call removed it
     */
    boolean remove(String agentId, Instant lastSeen);

    /** What an agent tells the others about itself. */
    record AgentPresence(
            String agentId, String host, long pid, Optional<String> apiUrl, String version, Instant startedAt) {}

    /**
     * An agent's row as read.
     *
     * @param lastSeen   its last heartbeat, by the database's clock
     * @param silence    how long ago that was, by the same clock
     * @param activeRuns the runs it had going then
     * @param free       what was free then of the resources it may give its attempts; empty for an agent that does
     *                   not tell (an earlier version)
     */
    record Heartbeat(AgentPresence agent, Instant lastSeen, Duration silence, int activeRuns, Optional<Capacity> free) {

        /** A heartbeat that tells nothing of resources. */
        public Heartbeat(AgentPresence agent, Instant lastSeen, Duration silence, int activeRuns) {
            this(agent, lastSeen, silence, activeRuns, Optional.empty());
        }
    }

    /** Resources of an agent: megabytes of memory and processors. */
    record Capacity(long memoryMb, double cpu) {}
}
