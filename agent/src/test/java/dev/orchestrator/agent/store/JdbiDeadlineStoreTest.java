package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiDeadlineStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The deadlines' store on H2 and on PostgreSQL: each miss is recorded once, and said to have finished late once,
 * however many agents try at the same moment; each pipeline's mark only moves forward; a fire's runs are found by
 * their logical time.
 */
class JdbiDeadlineStoreTest {

    private static final Instant NOW = Instant.parse("2027-03-28T01:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static MissedDeadline miss(String pipelineId, Instant scheduledFor, String agentId) {
        return new MissedDeadline(
                pipelineId,
                scheduledFor,
                Deadline.Kind.FINISH,
                BERLIN,
                "finish_by \"02:30\"",
                NOW,
                Optional.of("run_1"),
                Optional.of("running"),
                "run_1 running since 01:00:02",
                NOW,
                agentId,
                Optional.empty());
    }

    @OnEveryDatabase
    void missesOfRunsScheduledBeforeTheRetentionArePurgedAndTheRestKept(TestDatabase testDatabase) {
        JdbiDeadlineStore store = new JdbiDeadlineStore(testDatabase.open());
        for (int hour = 0; hour < 3; hour++) {
            store.recordMiss(miss("p", NOW.plusSeconds(3600L * hour), "a"));
        }

        assertThat(store.purgeMissesBefore(NOW.plusSeconds(3600))).isEqualTo(1);

        assertThat(store.findMiss("p", NOW, Deadline.Kind.FINISH)).isEmpty();
        assertThat(store.findMiss("p", NOW.plusSeconds(3600), Deadline.Kind.FINISH))
                .isPresent();
        assertThat(store.findMiss("p", NOW.plusSeconds(7200), Deadline.Kind.FINISH))
                .isPresent();
    }

    @OnEveryDatabase
    void aMissIsRecordedOnceAndFinishedLateOnceHoweverManyAgentsTryAtOnce(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        JdbiDeadlineStore store = new JdbiDeadlineStore(database);
        ExecutorService agents = Executors.newFixedThreadPool(6);
        try {
            for (int fire = 0; fire < 10; fire++) {
                Instant scheduledFor = NOW.minusSeconds(3600L * (fire + 1));
                List<Callable<Boolean>> records = new ArrayList<>();
                List<Callable<Boolean>> lateFinishes = new ArrayList<>();
                for (int agent = 0; agent < 6; agent++) {
                    String agentId = "agent_" + agent;
                    records.add(() -> store.recordMiss(miss("p", scheduledFor, agentId)));
                    lateFinishes.add(() -> store.markFinishedLate("p", scheduledFor, NOW.plusSeconds(120)));
                }
                assertThat(successes(agents.invokeAll(records)))
                        .as("records of %s", scheduledFor)
                        .isEqualTo(1);
                assertThat(successes(agents.invokeAll(lateFinishes)))
                        .as("late finishes of %s", scheduledFor)
                        .isEqualTo(1);
            }
        } finally {
            agents.shutdownNow();
        }

        JdbiDeadlineStore reopened = new JdbiDeadlineStore(testDatabase.open());
        MissedDeadline found = reopened.findMiss("p", NOW.minusSeconds(3600), Deadline.Kind.FINISH)
                .orElseThrow();
        assertThat(found.zone()).isEqualTo(BERLIN);
        assertThat(found.rule()).isEqualTo("finish_by \"02:30\"");
        assertThat(found.lateFinishedAt()).contains(NOW.plusSeconds(120));
        assertThat(reopened.findMiss("p", NOW.minusSeconds(3600), Deadline.Kind.START))
                .isEmpty();
        assertThat(reopened.recordMiss(miss("p", NOW.minusSeconds(3600), "late_agent")))
                .as("after a restart")
                .isFalse();
    }

    private static long successes(List<Future<Boolean>> results) throws Exception {
        long won = 0;
        for (Future<Boolean> result : results) {
            won += result.get() ? 1 : 0;
        }
        return won;
    }

    @OnEveryDatabase
    void listsMissesNewestFirstInAWindowOnePageAtATime(TestDatabase testDatabase) {
        JdbiDeadlineStore store = new JdbiDeadlineStore(testDatabase.open());
        for (int hour = 0; hour < 5; hour++) {
            store.recordMiss(miss("p", NOW.plusSeconds(3600L * hour), "a"));
        }
        store.recordMiss(miss("q", NOW, "a"));

        Page<MissedDeadline> all = store.findMisses(Optional.empty(), Optional.empty(), Optional.empty(), 1, 50);
        Page<MissedDeadline> window = store.findMisses(
                Optional.of("p"), Optional.of(NOW.plusSeconds(3600)), Optional.of(NOW.plusSeconds(3 * 3600)), 1, 1);

        assertThat(all.total()).isEqualTo(6);
        assertThat(all.items().get(0).scheduledFor()).isEqualTo(NOW.plusSeconds(4 * 3600));
        assertThat(window.total()).isEqualTo(2);
        assertThat(window.items()).extracting(MissedDeadline::scheduledFor).containsExactly(NOW.plusSeconds(2 * 3600));
    }

    @OnEveryDatabase
    void aPipelinesMarkIsTakenWhenFirstSeenAndOnlyMovesForward(TestDatabase testDatabase) {
        JdbiDeadlineStore store = new JdbiDeadlineStore(testDatabase.open());

        assertThat(store.checkedUntil("p", NOW)).isEqualTo(NOW);
        assertThat(store.checkedUntil("p", NOW.plusSeconds(60)))
                .as("seen before")
                .isEqualTo(NOW);
        store.advanceCheckedUntil("p", NOW.plusSeconds(30));
        store.advanceCheckedUntil("p", NOW.plusSeconds(10));

        assertThat(new JdbiDeadlineStore(testDatabase.open()).checkedUntil("p", NOW.plusSeconds(99)))
                .isEqualTo(NOW.plusSeconds(30));
    }

    @OnEveryDatabase
    void findsTheRunsOfAFireByTheirLogicalTime(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        for (int minute = 0; minute < 3; minute++) {
            Instant fire = NOW.plusSeconds(60L * minute);
            runs.insertRun(
                    new RunRecord(
                            "run_" + minute,
                            "p",
                            RunState.QUEUED,
                            TriggerKind.SCHEDULE,
                            fire.atZone(BERLIN),
                            Map.of(),
                            fire.plusSeconds(1),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            0,
                            "a"),
                    List.of("t"));
        }
        runs.markRunStarted("run_1", NOW.plusSeconds(62));
        JdbiDeadlineStore store = new JdbiDeadlineStore(database);

        List<DeadlineStore.RunTimes> found = store.runsScheduledBetween("p", NOW.plusSeconds(60), NOW.plusSeconds(120));

        assertThat(found).extracting(DeadlineStore.RunTimes::runId).containsExactly("run_1", "run_2");
        assertThat(found.get(0).status()).isEqualTo(RunState.RUNNING);
        assertThat(found.get(0).startedAt()).contains(NOW.plusSeconds(62));
        assertThat(found.get(0).logicalTime()).isEqualTo(NOW.plusSeconds(60));
        assertThat(store.runTimes("run_0").orElseThrow().trigger()).isEqualTo(TriggerKind.SCHEDULE);
        assertThat(store.runTimes("nope")).isEmpty();
    }
}
