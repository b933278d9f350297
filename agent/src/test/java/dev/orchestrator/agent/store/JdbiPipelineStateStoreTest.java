package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the agents remember per pipeline, on H2 and on PostgreSQL: pauses, alert streaks, schedule events, and the
 * claims that make each scheduled fire one run however many agents are handed it.
 */
class JdbiPipelineStateStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @OnEveryDatabase
    void keepsPausesAlertStreaksAndScheduleEvents(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(database);

        state.setPaused("p", true, NOW);
        state.setPaused("q", true, NOW);
        state.setPaused("q", false, NOW);
        state.saveAlertState("p", new PipelineStateStore.AlertState(3, true), NOW);
        state.recordScheduleEvent("p", NOW, "skipped_max_instances", "busy", NOW.plusSeconds(1));

        JdbiPipelineStateStore reopened = new JdbiPipelineStateStore(testDatabase.open());
        assertThat(reopened.pausedPipelines()).containsExactly("p");
        assertThat(reopened.alertState("p")).isEqualTo(new PipelineStateStore.AlertState(3, true));
        assertThat(reopened.alertState("never_failed")).isEqualTo(PipelineStateStore.AlertState.CLEAR);
        assertThat(reopened.scheduleEvents("p", 10)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo("skipped_max_instances");
            assertThat(event.scheduledFor()).isEqualTo(NOW);
        });
    }

    @OnEveryDatabase
    void findsFiresThatDidNotRunByPipelineAndScheduledTimeNewestFirstOnePageAtATime(TestDatabase testDatabase) {
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(testDatabase.open());
        for (int minute = 0; minute < 5; minute++) {
            state.recordScheduleEvent(
                    "p",
                    NOW.plusSeconds(60L * minute),
                    "skipped_max_instances",
                    "busy " + minute,
                    NOW.plusSeconds(60L * minute + 1));
        }
        state.recordScheduleEvent("q", NOW, "misfire_skipped", "missed", NOW.plusSeconds(3600));

        Page<PipelineStateStore.ScheduleEvent> all = state.findScheduleEvents(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), 1, 50);
        Page<PipelineStateStore.ScheduleEvent> second = state.findScheduleEvents(
                java.util.Optional.of("p"), java.util.Optional.empty(), java.util.Optional.empty(), 2, 2);
        Page<PipelineStateStore.ScheduleEvent> window = state.findScheduleEvents(
                java.util.Optional.of("p"),
                java.util.Optional.of(NOW.plusSeconds(60)),
                java.util.Optional.of(NOW.plusSeconds(180)),
                1,
                50);

        assertThat(all.total()).isEqualTo(6);
        assertThat(all.items().get(0).message()).isEqualTo("busy 4");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.items())
                .extracting(PipelineStateStore.ScheduleEvent::message)
                .containsExactly("busy 2", "busy 1");
        assertThat(window.items())
                .extracting(PipelineStateStore.ScheduleEvent::message)
                .containsExactly("busy 2", "busy 1");
    }

    @OnEveryDatabase
    void aFireIsClaimedOnceHoweverManyAgentsAskAtTheSameMoment(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(database);
        ExecutorService agents = Executors.newFixedThreadPool(6);
        try {
            for (int fire = 0; fire < 20; fire++) {
                Instant fireTime = NOW.plusSeconds(fire);
                List<Callable<Boolean>> claims = new ArrayList<>();
                for (int agent = 0; agent < 6; agent++) {
                    String agentId = "agent_" + agent;
                    claims.add(() -> state.claimFire("p", fireTime, agentId, NOW));
                }
                long won = 0;
                for (Future<Boolean> claim : agents.invokeAll(claims)) {
                    won += claim.get() ? 1 : 0;
                }
                assertThat(won)
                        .as("claims of the fire at %s that succeeded", fireTime)
                        .isEqualTo(1);
            }
        } finally {
            agents.shutdownNow();
        }
        assertThat(state.claimFire("other_pipeline", NOW, "agent_0", NOW))
                .as("another pipeline's fire")
                .isTrue();
    }

    @OnEveryDatabase
    void aHeldFireIsSettledByItsHolderOnly(TestDatabase testDatabase) {
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(testDatabase.open());
        state.claimFire("p", NOW, "a", NOW);

        assertThat(state.settleFire("p", NOW, "b")).isFalse();
        assertThat(state.settleFire("p", NOW, "a")).isTrue();
        assertThat(state.settleFire("p", NOW, "a")).as("settled once").isFalse();
        assertThat(state.takeOverFires("a", "b", NOW))
                .as("nothing left to take over")
                .isEmpty();
    }

    @OnEveryDatabase
    void theFiresADeadAgentHeldGoToOneTakerEach(TestDatabase testDatabase) {
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(testDatabase.open());
        state.claimFire("p", NOW.plusSeconds(1), "dead", NOW);
        state.claimFire("q", NOW, "dead", NOW);
        state.claimFire("p", NOW.plusSeconds(2), "alive", NOW);
        state.claimSettledFires("r", List.of(NOW), "dead", NOW);

        List<PipelineStateStore.Fire> taken = state.takeOverFires("dead", "survivor_1", NOW.plusSeconds(20));

        assertThat(taken)
                .containsExactly(
                        new PipelineStateStore.Fire("q", NOW), new PipelineStateStore.Fire("p", NOW.plusSeconds(1)));
        assertThat(state.takeOverFires("dead", "survivor_2", NOW.plusSeconds(20)))
                .isEmpty();
        assertThat(state.settleFire("p", NOW.plusSeconds(1), "dead"))
                .as("the dead agent came back too late")
                .isFalse();
        assertThat(state.settleFire("p", NOW.plusSeconds(2), "alive")).isTrue();
    }

    @OnEveryDatabase
    void firesHandledAtOnceAreClaimedSettledAndOnlyTheFreeOnes(TestDatabase testDatabase) {
        JdbiPipelineStateStore state = new JdbiPipelineStateStore(testDatabase.open());
        state.claimFire("p", NOW.plusSeconds(1), "other", NOW);

        List<Instant> claimed =
                state.claimSettledFires("p", List.of(NOW, NOW.plusSeconds(1), NOW.plusSeconds(2)), "me", NOW);

        assertThat(claimed).containsExactly(NOW, NOW.plusSeconds(2));
        assertThat(state.lastClaimedFire("p")).contains(NOW.plusSeconds(2));
        assertThat(state.lastClaimedFire("never_fired")).isEmpty();
        assertThat(state.takeOverFires("me", "someone", NOW))
                .as("settled, nothing held")
                .isEmpty();
        assertThat(state.purgeFiresBefore(NOW.plusSeconds(1)))
                .as("settled claims made before the cutoff")
                .isEqualTo(2);
        assertThat(state.claimFire("p", NOW, "me", NOW.plusSeconds(5)))
                .as("forgotten, claimable again")
                .isTrue();
    }
}
