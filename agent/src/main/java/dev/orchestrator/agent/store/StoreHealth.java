package dev.orchestrator.agent.store;

import java.util.Optional;

/**
 * Whether the agent's database can be used now, and why not, said for a person ("disk full at /var/lib/x/db").
 * Thread-safe.
 */
public interface StoreHealth {

    /**
     * Empty while the database answers and has room to write; otherwise what is wrong. Asks the database: takes
     * at most a few seconds when it does not answer.
     */
    Optional<String> problem();

    /**
     * When {@code failure} (or one of its causes) comes from the database being unusable (its disk full, the
     * database closed after an error, the server out of reach), what is wrong, as {@link #problem()} says it;
     * empty for any other failure.
     */
    Optional<String> explain(Throwable failure);
}
