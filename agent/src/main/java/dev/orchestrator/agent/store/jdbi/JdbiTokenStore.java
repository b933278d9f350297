package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.TokenStore;
import dev.orchestrator.api.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link TokenStore} on Jdbi, in the {@code api_tokens} table. Thread-safe. */
public final class JdbiTokenStore implements TokenStore {

    private final Jdbi jdbi;

    public JdbiTokenStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean create(StoredToken token) {
        try {
            return jdbi.withHandle(handle -> handle.createUpdate("""
                            INSERT INTO api_tokens (name, role, token_hash, created_at)
                            SELECT :name, :role, :hash, :createdAt
                            WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE name = :name)""")
                            .bind("name", token.name())
                            .bind("role", token.role().label())
                            .bind("hash", token.hash())
                            .bind("createdAt", token.createdAt())
                            .execute())
                    == 1;
        } catch (UnableToExecuteStatementException e) {
            if (list().stream().anyMatch(existing -> existing.name().equals(token.name()))) {
                return false; // another agent made one of that name at the same moment
            }
            throw e;
        }
    }

    @Override
    public List<StoredToken> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM api_tokens ORDER BY name")
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public Optional<StoredToken> findByHash(String hash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map((row, context) -> read(row))
                .findOne());
    }

    @Override
    public boolean revoke(String name) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM api_tokens WHERE name = :name")
                        .bind("name", name)
                        .execute())
                == 1;
    }

    @Override
    public void touch(String name, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE api_tokens SET last_used_at = :at WHERE name = :name")
                .bind("name", name)
                .bind("at", at)
                .execute());
    }

    private static StoredToken read(ResultSet row) throws SQLException {
        String role = row.getString("role");
        return new StoredToken(
                row.getString("name"),
                Role.parse(role).orElseThrow(() -> new SQLException("unknown role '" + role + "' in api_tokens")),
                row.getString("token_hash"),
                Times.readRequired(row, "created_at"),
                Times.read(row, "last_used_at"));
    }
}
