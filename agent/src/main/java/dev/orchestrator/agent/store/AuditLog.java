package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Every state-changing API request, whatever its outcome: who, what, on what, with which status, when. */
public interface AuditLog {

    /** One request: {@code id} is 0 until it is written. */
    record AuditEntry(
            long id,
            Instant at,
            String who,
            String method,
            String route,
            String action,
            String target,
            int status,
            String agentId) {}

    /**
     * What to list: each filter empty for all. {@code target} matches a target equal to it or starting with it and
     * a {@code /} (a run id finds the run's tasks too); {@code from} is inclusive, {@code to} exclusive.
     */
    record AuditQuery(
            Optional<String> who,
            Optional<String> action,
            Optional<String> target,
            Optional<Instant> from,
            Optional<Instant> to) {}

    void record(AuditEntry entry);

    /** Newest first. */
    Page<AuditEntry> find(AuditQuery query, int page, int size);

    /** Every matching entry, newest first, handed over one at a time as the database reads them. */
    void stream(AuditQuery query, Consumer<AuditEntry> entry);

    /** Deletes the entries recorded before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
