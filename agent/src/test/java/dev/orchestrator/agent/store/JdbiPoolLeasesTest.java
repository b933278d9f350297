package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;

/**
 * The shared pools' leases on H2 and on PostgreSQL: agents asking at the same moment through connections of their
 * own never take more slots than the pool has; queued tasks get them oldest first; and the slots of an agent whose
 * heartbeat stopped come back once it has been declared dead (its row removed), not while it is only silent.
 */
class JdbiPoolLeasesTest {

    private static final Duration LONG = Duration.ofMinutes(10);

    private static PoolLeases.Request ask(String agentId, String runId, String taskId, int slots) {
        return new PoolLeases.Request("warehouse", agentId, runId, taskId, slots);
    }

    /** A second agent's connection to the same database: its own pool of connections on PostgreSQL. */
    private static Database another(TestDatabase testDatabase, Database first) {
        return testDatabase.kind() == TestDatabase.Kind.POSTGRESQL ? testDatabase.open() : first;
    }

    @OnEveryDatabase
    void agentsAskingAtOnceNeverTakeMoreSlotsThanThePoolHas(TestDatabase testDatabase) throws Exception {
        Database first = testDatabase.open();
        List<PoolLeases> agents = List.of(new JdbiPoolLeases(first), new JdbiPoolLeases(another(testDatabase, first)));
        List<Callable<Boolean>> asks = new ArrayList<>();
        for (int task = 0; task < 12; task++) {
            String agentId = "agent_" + (task % 2);
            PoolLeases leases = agents.get(task % 2);
            String taskId = "task_" + task;
            asks.add(() -> leases.tryAcquire(ask(agentId, "run_" + agentId, taskId, 1), 3, LONG)
                    .admitted());
        }
        ExecutorService threads = Executors.newFixedThreadPool(asks.size());
        int admitted = 0;
        try {
            for (Future<Boolean> answer : threads.invokeAll(asks)) {
                admitted += answer.get() ? 1 : 0;
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(admitted).isEqualTo(3);
        assertThat(agents.get(0).leases()).hasSize(3);
        assertThat(agents.get(0).waiters()).hasSize(9);
    }

    @OnEveryDatabase
    void queuedTasksTakeFreedSlotsOldestFirstAndNamesWhoHoldsThem(TestDatabase testDatabase) {
        PoolLeases leases = new JdbiPoolLeases(testDatabase.open());
        assertThat(leases.tryAcquire(ask("a", "run_1", "load", 2), 2, LONG).admitted())
                .isTrue();
        PoolLeases.Admission first = leases.tryAcquire(ask("a", "run_2", "early", 1), 2, LONG);
        assertThat(first.admitted()).isFalse();
        assertThat(first.taken()).isEqualTo(2);
        assertThat(first.holders()).extracting(PoolLeases.Lease::taskId).containsExactly("load");
        assertThat(leases.tryAcquire(ask("a", "run_3", "late", 1), 2, LONG).ahead())
                .isEqualTo(1);

        leases.release("run_1", "load");

        assertThat(leases.tryAcquire(ask("a", "run_3", "late", 1), 2, LONG).admitted())
                .as("the later task waits behind the earlier one")
                .isFalse();
        assertThat(leases.tryAcquire(ask("a", "run_2", "early", 1), 2, LONG).admitted())
                .isTrue();
        assertThat(leases.tryAcquire(ask("a", "run_3", "late", 1), 2, LONG).admitted())
                .isTrue();
        assertThat(leases.waiters()).isEmpty();
        assertThat(leases.leases()).extracting(PoolLeases.Lease::taskId).containsExactlyInAnyOrder("early", "late");
    }

    @OnEveryDatabase
    void aSilentAgentKeepsItsSlotsUntilItIsDeclaredDeadAndThenTheyComeBackAtOnce(TestDatabase testDatabase) {
        Database first = testDatabase.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(first);
        heartbeats.beat(presence("silent"));
        heartbeats.beat(presence("alive"));
        PoolLeases silent = new JdbiPoolLeases(first);
        PoolLeases alive = new JdbiPoolLeases(another(testDatabase, first));
        Duration expiry = Duration.ofSeconds(1);
        assertThat(silent.tryAcquire(ask("silent", "run_s", "hold", 2), 2, expiry)
                        .admitted())
                .isTrue();
        assertThat(silent.tryAcquire(ask("silent", "run_s", "queued", 1), 2, expiry)
                        .admitted())
                .isFalse();

        // the holder beats no more; the survivor does, but has not declared it dead (ClusterMonitor): a stale
        // heartbeat may be a pause or an outage of the database, and its runs are not recorded crashed yet
        Awaitility.await("the holder silent for longer than the expiry")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    heartbeats.beat(presence("alive"));
                    return heartbeats.find("silent").orElseThrow().silence().compareTo(expiry.multipliedBy(2)) > 0;
                });
        assertThat(alive.tryAcquire(ask("alive", "run_a", "want", 1), 2, expiry).admitted())
                .as("the slots of an agent not declared dead stay taken")
                .isFalse();
        assertThat(alive.leases()).extracting(PoolLeases.Lease::agentId).containsExactly("silent");

        // declared dead: its runs marked crashed, then its row removed, as a survivor's ClusterMonitor does
        Instant lastSeen = heartbeats.find("silent").orElseThrow().lastSeen();
        assertThat(heartbeats.remove("silent", lastSeen)).isTrue();

        assertThat(alive.tryAcquire(ask("alive", "run_a", "want", 1), 2, expiry).admitted())
                .as("the dead agent's slots and its place in the queue came back")
                .isTrue();
        assertThat(alive.leases()).extracting(PoolLeases.Lease::agentId).containsExactly("alive");
        assertThat(alive.waiters()).isEmpty();
    }

    @OnEveryDatabase
    void anAgentGivesBackWhatItsEarlierProcessHeld(TestDatabase testDatabase) {
        PoolLeases leases = new JdbiPoolLeases(testDatabase.open());
        leases.tryAcquire(ask("a", "run_1", "held", 1), 1, LONG);
        leases.tryAcquire(ask("a", "run_1", "queued", 1), 1, LONG);
        leases.tryAcquire(ask("b", "run_2", "other", 1), 1, LONG);

        assertThat(leases.releaseAllOf("a")).isEqualTo(2);

        assertThat(leases.leases()).isEmpty();
        assertThat(leases.waiters()).extracting(PoolLeases.Waiter::taskId).containsExactly("other");
    }

    private static HeartbeatStore.AgentPresence presence(String agentId) {
        return new HeartbeatStore.AgentPresence(
                agentId, "host", 1, Optional.empty(), "test", Instant.parse("2026-01-01T00:00:00Z"));
    }
}
