package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.TaskCacheStore.CachedOutput;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import java.time.Instant;
import java.util.Optional;

/** Issue 19's task output cache (V18), on H2 and on PostgreSQL: what one agent stores, another on the database finds. */
class TaskCacheStoreTest {

    private static final Instant STORED = Instant.parse("2026-03-01T10:00:00Z");

    @OnEveryDatabase
    void anEntryIsFoundByEveryAgentOnTheDatabaseWhileYoungEnoughAndReplacedWhenStoredAgain(TestDatabase database) {
        Database db = database.open();
        TaskCacheStore one = new JdbiRunStore(db, JsonMapper.create());
        TaskCacheStore other = new JdbiRunStore(db, JsonMapper.create());

        one.storeCached("p", "load", "k1", new CachedOutput("[1,2]", "run_a", STORED));

        assertThat(other.findCached("p", "load", "k1", STORED.minusSeconds(60)))
                .contains(new CachedOutput("[1,2]", "run_a", STORED));
        assertThat(other.findCached("p", "load", "k1", STORED.plusSeconds(1)))
                .as("too old")
                .isEmpty();
        assertThat(other.findCached("p", "load", "k2", Instant.EPOCH))
                .as("another key")
                .isEmpty();
        assertThat(other.findCached("q", "load", "k1", Instant.EPOCH))
                .as("another pipeline")
                .isEmpty();

        other.storeCached("p", "load", "k1", new CachedOutput("[3]", "run_b", STORED.plusSeconds(10)));
        assertThat(one.findCached("p", "load", "k1", Instant.EPOCH))
                .contains(new CachedOutput("[3]", "run_b", STORED.plusSeconds(10)));
    }

    @OnEveryDatabase
    void clearingForgetsAllAPipelinesOrOneTasksEntries(TestDatabase database) {
        TaskCacheStore cache = new JdbiRunStore(database.open(), JsonMapper.create());
        cache.storeCached("p", "a", "k", new CachedOutput("1", "r", STORED));
        cache.storeCached("p", "b", "k", new CachedOutput("2", "r", STORED));
        cache.storeCached("q", "a", "k", new CachedOutput("3", "r", STORED));
        cache.storeCached("r", "a", "k", new CachedOutput("4", "r", STORED));

        assertThat(cache.clearCache(Optional.of("p"), Optional.of("a"))).isEqualTo(1);
        assertThat(cache.findCached("p", "b", "k", Instant.EPOCH)).isPresent();
        assertThat(cache.clearCache(Optional.of("p"), Optional.empty())).isEqualTo(1);
        assertThat(cache.findCached("q", "a", "k", Instant.EPOCH)).isPresent();
        assertThat(cache.clearCache(Optional.empty(), Optional.empty())).isEqualTo(2);
        assertThat(cache.findCached("r", "a", "k", Instant.EPOCH)).isEmpty();
    }
}
