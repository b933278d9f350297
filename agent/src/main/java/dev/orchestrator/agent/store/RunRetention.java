package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;

/**
 * The history's end: finished runs deleted once they are older than the retention. Implementations must be
 * thread-safe.
 */
public interface RunRetention {

    /**
     * Deletes finished runs that ended before {@code cutoff}, with everything that belongs to them.
     *
     * @return the ids of the deleted runs, so their spilled output files can go too
     */
    List<String> purgeFinishedBefore(Instant cutoff);
}
