package dev.orchestrator.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.HeartbeatStore.AgentPresence;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a cluster's scheduled runs go, by the loads in the agents' heartbeats; on H2 and PostgreSQL. */
class LeastBusyPlacementTest {

    private static AgentPresence agent(String agentId) {
        return new AgentPresence(agentId, "host", 1, Optional.empty(), "test", Instant.now());
    }

    @OnEveryDatabase
    void aRunStaysHereUnlessAnotherLiveAgentHasFewerGoingCountingTheRunsHandedToItSince(TestDatabase database) {
        Database opened = database.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(opened);
        heartbeats.beat(agent("self"), 3);
        heartbeats.beat(agent("idle"), 0);
        heartbeats.beat(agent("busy"), 4);
        LeastBusyPlacement placement = new LeastBusyPlacement(
                "self",
                heartbeats,
                new JdbiRunStore(opened, JsonMapper.create()),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1));

        assertThat(placement.elsewhere(0))
                .as("nothing going here: no hand-over")
                .isEmpty();
        assertThat(placement.elsewhere(1)).contains("idle");
        assertThat(placement.elsewhere(1)).as("idle has 1 now, as many as here").isEmpty();
        assertThat(placement.elsewhere(2)).contains("idle");
        assertThat(placement.elsewhere(3)).contains("idle");
        assertThat(placement.elsewhere(3))
                .as("idle 3, busy 4: neither has fewer")
                .isEmpty();
        assertThat(placement.elsewhere(5)).as("idle 3, busy 4").contains("idle");
        assertThat(placement.elsewhere(5)).as("both 4: the first by id").contains("busy");
        assertThat(placement.elsewhere(5)).as("idle 4, busy 5").contains("idle");
    }

    @OnEveryDatabase
    void anAgentThatIsStoppingGetsNothing(TestDatabase database) {
        Database opened = database.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(opened);
        heartbeats.beat(agent("self"), 5);
        heartbeats.beat(agent("stopping"), -1);
        LeastBusyPlacement placement = new LeastBusyPlacement(
                "self",
                heartbeats,
                new JdbiRunStore(opened, JsonMapper.create()),
                Duration.ofSeconds(30),
                Duration.ZERO);

        assertThat(placement.elsewhere(5)).isEmpty();
    }

    @OnEveryDatabase
    void anAgentSilentForLongerThanFreshGetsNothing(TestDatabase database) throws InterruptedException {
        Database opened = database.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(opened);
        heartbeats.beat(agent("quiet"), 0);
        Thread.sleep(400); // silent for longer than fresh (300 ms), on purpose
        heartbeats.beat(agent("self"), 5);
        LeastBusyPlacement placement = new LeastBusyPlacement(
                "self",
                heartbeats,
                new JdbiRunStore(opened, JsonMapper.create()),
                Duration.ofMillis(300),
                Duration.ZERO);

        assertThat(placement.elsewhere(5)).isEmpty();
        heartbeats.beat(agent("quiet"), 0);
        assertThat(placement.elsewhere(5)).as("it beat again").contains("quiet");
    }

    @OnEveryDatabase
    void aPipelineIsAtItsLimitByItsUnfinishedRunsOnEveryAgent(TestDatabase database) {
        Database opened = database.open();
        JdbiRunStore runs = new JdbiRunStore(opened, JsonMapper.create());
        Instant now = Instant.now();
        for (String agentId : List.of("a", "b")) {
            runs.insertRun(
                    new RunRecord(
                            "run_" + agentId,
                            "p",
                            RunState.RUNNING,
                            TriggerKind.SCHEDULE,
                            now.atZone(ZoneOffset.UTC),
                            Map.of(),
                            now,
                            Optional.of(now),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            0,
                            agentId),
                    List.of("t"));
        }
        runs.insertRun(
                new RunRecord(
                        "run_of_one_that_left",
                        "p",
                        RunState.RUNNING,
                        TriggerKind.SCHEDULE,
                        now.atZone(ZoneOffset.UTC),
                        Map.of(),
                        now,
                        Optional.of(now),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "left_cleanly"),
                List.of("t"));
        runs.finishRun("run_b", RunState.SUCCESS, now, Optional.empty());
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(opened);
        heartbeats.beat(agent("a"));
        heartbeats.beat(agent("b"));
        LeastBusyPlacement placement =
                new LeastBusyPlacement("a", heartbeats, runs, Duration.ofSeconds(30), Duration.ZERO);

        assertThat(placement.atLimit("p", 1)).as("run_a").isTrue();
        assertThat(placement.atLimit("p", 2))
                .as("a run of an agent gone from the cluster is not counted")
                .isFalse();
        assertThat(placement.atLimit("other", 1)).isFalse();
        assertThat(placement.atLimit("other", 0))
                .as("the fires of the same moment took every slot")
                .isTrue();
    }
}
