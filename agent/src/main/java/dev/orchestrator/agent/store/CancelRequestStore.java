package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;

/**
 * Cancels that reach the agent running a run through the database: agents of a cluster share the history, not
 * the work, so an agent asked to cancel a run another one runs leaves the request here (SPEC 11).
 */
public interface CancelRequestStore {

    /** A cancel asked for a run, and the reason its run will end with. */
    record CancelRequest(String runId, String reason) {}

    /** Asks for a run to be cancelled; asking again for the same run keeps the first request. */
    void request(String runId, String reason, Instant at);

    /**
     * Takes (removes and returns) the requests for the unfinished runs of one agent, oldest first; requests for
     * runs that have ended meanwhile are dropped. A run handed to the agent and not yet taken keeps its request
     * until it is: it is cancelled once it is active there.
     */
    List<CancelRequest> takeFor(String agentId);
}
