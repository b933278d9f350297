package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.HeartbeatStore.AgentPresence;
import dev.orchestrator.agent.store.HeartbeatStore.Heartbeat;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The agents' heartbeats, on H2 and on PostgreSQL, timed by the database's clock. */
class JdbiHeartbeatStoreTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    private static AgentPresence agent(String agentId) {
        return new AgentPresence(agentId, "host-" + agentId, 42, Optional.of("http://127.0.0.1:8765"), "1.0", STARTED);
    }

    @OnEveryDatabase
    void anAgentsBeatIsReadBackWithHowLongItHasBeenSilent(TestDatabase database) throws InterruptedException {
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database.open());

        assertThat(heartbeats.beat(agent("a"))).as("a first beat").isFalse();
        assertThat(heartbeats.beat(agent("b"))).isFalse();
        Thread.sleep(300); // a's silence grows, on purpose: it is measured below
        assertThat(heartbeats.beat(agent("b"))).isTrue();

        assertThat(heartbeats.heartbeats())
                .extracting(beat -> beat.agent().agentId())
                .containsExactly("a", "b");
        Heartbeat a = heartbeats.find("a").orElseThrow();
        Heartbeat b = heartbeats.find("b").orElseThrow();
        assertThat(a.agent()).isEqualTo(agent("a"));
        assertThat(a.silence()).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(30));
        assertThat(b.silence()).isLessThan(a.silence());
        assertThat(b.lastSeen()).isAfter(a.lastSeen());
        assertThat(heartbeats.find("nobody")).isEmpty();
    }

    @OnEveryDatabase
    void aRowIsRemovedOnlyIfTheAgentHasNotBeatenSinceItWasRead(TestDatabase database) throws InterruptedException {
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database.open());
        heartbeats.beat(agent("a"));
        Heartbeat read = heartbeats.find("a").orElseThrow();
        Thread.sleep(20); // a later beat, on purpose: its time differs from the one read
        heartbeats.beat(agent("a"));

        assertThat(heartbeats.remove("a", read.lastSeen()))
                .as("it beat again: alive")
                .isFalse();
        assertThat(heartbeats.remove("a", heartbeats.find("a").orElseThrow().lastSeen()))
                .isTrue();
        assertThat(heartbeats.find("a")).isEmpty();
        assertThat(heartbeats.beat(agent("a"))).as("its row was removed").isFalse();
    }
}
