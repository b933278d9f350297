package dev.orchestrator.agent.store;

/**
 * Where the items of one map task stand.
 *
 * @param done    succeeded
 * @param failed  ended without success (failed, timed out, cancelled)
 * @param running running an attempt now
 * @param waiting not started yet, or waiting for a retry
 */
public record MapCounts(int done, int failed, int running, int waiting) {

    public int total() {
        return done + failed + running + waiting;
    }
}
