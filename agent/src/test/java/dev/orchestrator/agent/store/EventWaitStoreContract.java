package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link EventWaitStore} and the waiting side of {@link RunStore} must do, run
 * against each one the agent supports (real databases, real migrations).
 */
abstract class EventWaitStoreContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));

    Database database;
    JdbiRunStore runs;
    JdbiEventWaitStore waits;

    abstract Database open();

    @BeforeEach
    void openStores() {
        database = open();
        runs = new JdbiRunStore(database, JsonMapper.create());
        waits = new JdbiEventWaitStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    /** A run of this agent whose task t waits for order_ready with {@code key}. */
    private EventWait waiting(String runId, String key) {
        runs.insertRun(
                new RunRecord(
                        runId,
                        "p",
                        RunState.RUNNING,
                        TriggerKind.MANUAL,
                        NOW.atZone(ZoneId.of("UTC")),
                        Map.of(),
                        NOW,
                        Optional.of(NOW),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("t", "after"));
        runs.startAttempt(runId, "t", 1, NOW, TaskState.WAITING, Optional.of("waiting for order_ready " + key));
        EventWait wait = new EventWait(runId, "t", "order_ready", key, "a", NOW, IN_AN_HOUR);
        waits.register(wait, NOW);
        return wait;
    }

    @Test
    void anEventReachesTheWaitWithItsKeyOnlyAndOnlyOnce() {
        waiting("r1", "42");
        waiting("r2", "43");

        EventWaitStore.Publication first = waits.publish("order_ready", "42", "{\"ok\":true}", NOW, IN_AN_HOUR);

        assertThat(first.deliveredTo()).containsExactly(new EventWaitStore.DeliveredWait("r1", "t", "a"));
        assertThat(first.keptUntil()).isEmpty();
        assertThat(waits.deliveredWaits("a"))
                .extracting(EventWaitStore.DeliveredWait::runId)
                .containsExactly("r1");
        assertThat(waits.takeDelivered("r2", "t")).isEmpty();
        assertThat(waits.takeDelivered("r1", "t")).contains("{\"ok\":true}");
        assertThat(waits.takeDelivered("r1", "t")).as("taken once").isEmpty();
        // a second event with the same key finds no wait: it is kept
        assertThat(waits.publish("order_ready", "42", "2", NOW, IN_AN_HOUR).keptUntil())
                .contains(IN_AN_HOUR);
    }

    @Test
    void anEventNobodyWaitsForIsKeptForTheNextWaitUntilItExpires() {
        EventWaitStore.Publication kept = waits.publish("order_ready", "42", "\"early\"", NOW, IN_AN_HOUR);
        waits.publish("order_ready", "7", "\"expired\"", NOW.minusSeconds(7200), NOW.minusSeconds(3600));

        assertThat(kept.deliveredTo()).isEmpty();
        assertThat(kept.keptUntil()).contains(IN_AN_HOUR);
        waiting("r1", "42");
        waiting("r2", "42");
        waiting("r3", "7");
        assertThat(waits.takeDelivered("r1", "t")).contains("\"early\"");
        assertThat(waits.takeDelivered("r2", "t"))
                .as("a kept event goes to one wait")
                .isEmpty();
        assertThat(waits.takeDelivered("r3", "t")).as("expired").isEmpty();
    }

    @Test
    void withdrawingAWaitSaysWhetherAnEventCameFirst() {
        waiting("r1", "1");
        waiting("r2", "2");
        waits.publish("order_ready", "2", "\"just in time\"", NOW, IN_AN_HOUR);

        assertThat(waits.withdraw("r1", "t")).isEmpty();
        assertThat(waits.withdraw("r2", "t")).contains("\"just in time\"");
        assertThat(waits.waitsOf("r1")).isEmpty();
        assertThat(waits.publish("order_ready", "1", "null", NOW, IN_AN_HOUR).deliveredTo())
                .as("a withdrawn wait takes no event")
                .isEmpty();
    }

    @Test
    void postsAndWaitsAtTheSameMomentNeverMissEachOtherNorDoubleDeliver() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "k" + i;
                work.add(threads.submit(() -> waiting("r" + key, key)));
                work.add(threads.submit(() -> waits.publish("order_ready", key, "\"" + key + "\"", NOW, IN_AN_HOUR)));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < 40; i++) {
            assertThat(waits.takeDelivered("rk" + i, "t")).as("wait " + i).contains("\"k" + i + "\"");
        }
        int kept = database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM kept_events")
                        .mapTo(Integer.class)
                        .one());
        assertThat(kept).as("every event went to its wait, none is left over").isZero();
    }

    @Test
    void aRunWhoseTasksOnlyWaitIsResumableAndNotCrashed() {
        waiting("only_waits", "1");
        waiting("also_runs", "2");
        runs.startAttempt("also_runs", "after", 1, NOW);

        int crashed = runs.markUnfinishedCrashed("a", "agent died", NOW);

        assertThat(crashed).isEqualTo(1);
        assertThat(runs.findResumableRuns("a")).containsExactly("only_waits");
        RunDetail resumable = runs.findRun("only_waits").orElseThrow();
        assertThat(resumable.run().status()).isEqualTo(RunState.RUNNING);
        assertThat(resumable.task("t").orElseThrow().status()).isEqualTo(TaskState.WAITING);
        assertThat(resumable.task("t").orElseThrow().reason()).contains("waiting for order_ready 1");
        RunDetail lost = runs.findRun("also_runs").orElseThrow();
        assertThat(lost.run().status()).isEqualTo(RunState.CRASHED);
        assertThat(lost.tasks()).extracting(TaskRunRecord::status).containsOnly(TaskState.CRASHED);
        assertThat(waits.waitsOf("also_runs"))
                .as("a crashed run's waits are gone")
                .isEmpty();
        assertThat(waits.waitsOf("only_waits")).singleElement().satisfies(wait -> {
            assertThat(wait.key()).isEqualTo("1");
            assertThat(wait.deadline()).isEqualTo(IN_AN_HOUR);
        });
    }

    @Test
    void aDeadAgentsRunsThatOnlyWaitGoWithTheirWaitsToOneSurvivor() {
        waiting("only_waits", "1");
        waiting("also_runs", "2");
        runs.startAttempt("also_runs", "after", 1, NOW);
        runs.markUnfinishedCrashed("a", "agent a died", NOW);

        List<String> first = runs.adoptResumableRuns("a", "survivor_1");
        List<String> second = runs.adoptResumableRuns("a", "survivor_2");

        assertThat(first).containsExactly("only_waits");
        assertThat(second).as("each run goes to one taker").isEmpty();
        assertThat(runs.findRun("only_waits").orElseThrow().run().agentId()).isEqualTo("survivor_1");
        assertThat(runs.findResumableRuns("survivor_1")).containsExactly("only_waits");
        waits.publish("order_ready", "1", "{\"ok\": true}", NOW, IN_AN_HOUR);
        assertThat(waits.deliveredWaits("survivor_1"))
                .extracting(EventWaitStore.DeliveredWait::runId)
                .containsExactly("only_waits");
        assertThat(waits.deliveredWaits("a")).isEmpty();
    }
}
