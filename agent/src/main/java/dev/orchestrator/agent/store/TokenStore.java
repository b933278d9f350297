package dev.orchestrator.agent.store;

import dev.orchestrator.api.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The named API tokens, kept in the database so that every agent of a cluster accepts the same ones: each by its
 * name, role and the SHA-256 of the token (the token itself is never stored).
 */
public interface TokenStore {

    /** A named token as stored: {@code hash} is the hex SHA-256 of the token. */
    record StoredToken(String name, Role role, String hash, Instant createdAt, Optional<Instant> lastUsedAt) {}

    /** Adds a token; false when a token of that name exists (nothing changes then). */
    boolean create(StoredToken token);

    /** Every token, by name. */
    List<StoredToken> list();

    /** The token with this hash, if any. */
    Optional<StoredToken> findByHash(String hash);

    /** Removes the token; false when there was none of that name. */
    boolean revoke(String name);

    /** Notes that the token was used at {@code at}. */
    void touch(String name, Instant at);
}
