package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.access.AccessTokens;
import dev.orchestrator.agent.store.AuditLog.AuditEntry;
import dev.orchestrator.agent.store.AuditLog.AuditQuery;
import dev.orchestrator.agent.store.TokenStore.StoredToken;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiAuditLog;
import dev.orchestrator.agent.store.jdbi.JdbiTokenStore;
import dev.orchestrator.api.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The named tokens (hashed) and the audit log, on H2 and on PostgreSQL. */
class TokenAndAuditStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @OnEveryDatabase
    void aTokenIsKeptAsItsHashOnlyAndFoundByIt(TestDatabase database) {
        Database db = database.open();
        JdbiTokenStore store = new JdbiTokenStore(db);
        AccessTokens tokens =
                new AccessTokens(() -> "home-token", Path.of("/nonexistent"), store, Clock.fixed(NOW, ZoneOffset.UTC));

        String token = tokens.create("ci", Role.OPERATOR).orElseThrow().token();
        assertThat(tokens.create("ci", Role.ADMIN)).as("the name is taken").isEmpty();

        StoredToken stored = store.list().get(0);
        assertThat(stored.hash())
                .isEqualTo(AccessTokens.hash(token))
                .doesNotContain(token)
                .hasSize(64);
        assertThat(stored.role()).isEqualTo(Role.OPERATOR);
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(tokens.identify(token)).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo("ci");
            assertThat(caller.role()).isEqualTo(Role.OPERATOR);
        });
        assertThat(store.list().get(0).lastUsedAt()).contains(NOW);
        assertThat(tokens.identify("home-token").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(tokens.identify(token + "x")).isEmpty();
        assertThat(tokens.identify("")).isEmpty();

        assertThat(tokens.revoke("ci")).isTrue();
        assertThat(tokens.identify(token))
                .as("refused at once, though looked up a moment ago")
                .isEmpty();
        assertThat(tokens.revoke("ci")).isFalse();
        assertThat(store.findByHash(AccessTokens.hash(token))).isEmpty();
    }

    @OnEveryDatabase
    void auditEntriesOlderThanTheRetentionArePurgedAndTheRestKept(TestDatabase database) {
        JdbiAuditLog log = new JdbiAuditLog(database.open());
        for (int day = 0; day < 3; day++) {
            log.record(new AuditEntry(
                    0, NOW.plus(day, ChronoUnit.DAYS), "ops", "POST", "/pause/{id}", "pause", "p" + day, 200, "a"));
        }
        AuditQuery all = new AuditQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(log.purgeBefore(NOW.plus(1, ChronoUnit.DAYS))).isEqualTo(1);

        assertThat(log.find(all, 1, 10).items()).extracting(AuditEntry::target).containsExactly("p2", "p1");
    }

    @OnEveryDatabase
    void theAuditLogIsReadNewestFirstFilteredPagedAndStreamed(TestDatabase database) {
        JdbiAuditLog log = new JdbiAuditLog(database.open());
        for (int i = 0; i < 5; i++) {
            log.record(new AuditEntry(
                    0,
                    NOW.plus(i, ChronoUnit.MINUTES),
                    i % 2 == 0 ? "ci" : "ops",
                    "POST",
                    "/api/v1/runs/{run_id}/tasks/{task}/mark",
                    i == 4 ? "cancelRun" : "markTask",
                    i == 3 ? "run_1_x/load" : "run_" + i + "/load",
                    i == 1 ? 403 : 200,
                    "agent-1"));
        }
        AuditQuery all = new AuditQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        Page<AuditEntry> page = log.find(all, 1, 2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items())
                .extracting(AuditEntry::at)
                .containsExactly(NOW.plus(4, ChronoUnit.MINUTES), NOW.plus(3, ChronoUnit.MINUTES));
        assertThat(page.items().get(0).id()).isPositive();
        assertThat(log.find(all, 3, 2).items()).hasSize(1);

        assertThat(log.find(
                                new AuditQuery(
                                        Optional.of("ops"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                1,
                                50)
                        .total())
                .isEqualTo(2);
        assertThat(log.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.of("cancelRun"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                1,
                                50)
                        .items())
                .extracting(AuditEntry::target)
                .containsExactly("run_4/load");
        assertThat(log.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of("run_1"),
                                        Optional.empty(),
                                        Optional.empty()),
                                1,
                                50)
                        .items())
                .as("a run's tasks, not another run whose id starts the same")
                .extracting(AuditEntry::target)
                .containsExactly("run_1/load");
        assertThat(log.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(NOW.plus(1, ChronoUnit.MINUTES)),
                                        Optional.of(NOW.plus(3, ChronoUnit.MINUTES))),
                                1,
                                50)
                        .total())
                .isEqualTo(2);

        List<AuditEntry> streamed = new ArrayList<>();
        log.stream(all, streamed::add);
        assertThat(streamed).hasSize(5).first().extracting(AuditEntry::action).isEqualTo("cancelRun");
        assertThat(streamed.get(3).status()).isEqualTo(403);
        assertThat(streamed.get(3).who()).isEqualTo("ops");
        assertThat(streamed.get(3).agentId()).isEqualTo("agent-1");
    }
}
