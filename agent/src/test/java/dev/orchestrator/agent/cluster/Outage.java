package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.store.HeartbeatStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real heartbeat store as one agent reaches it, with the database out of that agent's reach while an outage
 * lasts: its calls fail at once (a refused connection), or wait until the outage ends (a pool waiting for a
 * connection). The only stand-in in these tests, at the edge to the database. Thread-safe.
 */
final class Outage implements HeartbeatStore {

    enum Kind {
        FAILING,
        BLOCKING
    }

    private final HeartbeatStore database;
    private final AtomicInteger beatsSinceEnd = new AtomicInteger();
    // written by the test thread, read by the agent's heartbeat thread
    private Kind current;

    Outage(HeartbeatStore database) {
        this.database = database;
    }

    synchronized void begin(Kind kind) {
        current = kind;
    }

    synchronized void end() {
        current = null;
        beatsSinceEnd.set(0);
        notifyAll();
    }

    /** The heartbeats this agent has written since the last outage ended. */
    int beatsSinceEnd() {
        return beatsSinceEnd.get();
    }

    private synchronized void reach() {
        while (current == Kind.BLOCKING) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the database was out of reach", e);
            }
        }
        if (current == Kind.FAILING) {
            throw new IllegalStateException("the database is out of reach (a simulated outage)");
        }
    }

    @Override
    public boolean beat(AgentPresence agent, int activeRuns) {
        return beat(agent, activeRuns, Optional.empty());
    }

    @Override
    public boolean beat(AgentPresence agent, int activeRuns, Optional<Capacity> free) {
        reach();
        boolean known = database.beat(agent, activeRuns, free);
        beatsSinceEnd.incrementAndGet();
        return known;
    }

    @Override
    public List<Heartbeat> heartbeats() {
        reach();
        return database.heartbeats();
    }

    @Override
    public Optional<Heartbeat> find(String agentId) {
        reach();
        return database.find(agentId);
    }

    @Override
    public boolean remove(String agentId, Instant lastSeen) {
        reach();
        return database.remove(agentId, lastSeen);
    }
}
