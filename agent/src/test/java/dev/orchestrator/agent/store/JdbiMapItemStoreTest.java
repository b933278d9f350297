package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.JdbiMapItemStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The items of for_each tasks (V19), on H2 and on PostgreSQL. */
class JdbiMapItemStoreTest {

    private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");

    private static void insertRun(JdbiRunStore store, String runId) {
        store.insertRuns(List.of(new RunLifecycle.NewRun(
                new RunRecord(
                        runId,
                        "maps",
                        RunState.QUEUED,
                        TriggerKind.MANUAL,
                        BASE.atZone(ZoneOffset.UTC),
                        Map.of(),
                        BASE,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("each"))));
    }

    @OnEveryDatabase
    void aRunWithAMapUnderWayIsResumableAndItsRunningItemsCrashWhenTakenOver(TestDatabase database) {
        JdbiRunStore store = new JdbiRunStore(database.open(), JsonMapper.create());
        JdbiMapItemStore items = store.mapItems();
        insertRun(store, "run_1");
        store.markRunStarted("run_1", BASE);
        store.startAttempt("run_1", "each", 1, BASE);
        assertThat(store.findResumableRuns("a"))
                .as("a running task without items")
                .isEmpty();
        items.insertItems("run_1", "each", 0, List.of("0", "1", "2", "3", "4"));
        items.itemStarted("run_1", "each", 0, 1, BASE);
        items.itemFinished(
                "run_1",
                "each",
                0,
                TaskState.SUCCESS,
                BASE,
                Optional.empty(),
                Optional.of(new StoredOutput(Optional.of("0"), Optional.empty(), 1)));
        items.itemStarted("run_1", "each", 1, 1, BASE);
        items.itemStarted("run_1", "each", 2, 2, BASE);
        items.itemFinished("run_1", "each", 2, TaskState.RETRYING, BASE, Optional.of("stopped"), Optional.empty());

        assertThat(store.findResumableRuns("a")).as("a map under way").containsExactly("run_1");
        assertThat(items.crashRunning("run_1", "each", "lost with its process", BASE.plusSeconds(1)))
                .isEqualTo(1);
        assertThat(items.retryingItems("run_1", "each")).containsExactly(new MapItemStore.RetryingItem(2, "2", 2));
        assertThat(items.firstFailure("run_1", "each")).hasValue("item 1: lost with its process");
        assertThat(store.findMapCounts("run_1")).containsExactly(Map.entry("each", new MapCounts(1, 1, 0, 3)));
        assertThat(store.markUnfinishedCrashed("a", "gone", BASE.plusSeconds(2)))
                .as("a resumable run is not crashed")
                .isZero();
    }

    @OnEveryDatabase
    void itemsArePagedCountedRetriedAndTheirSuccessesTakenOverByARetry(TestDatabase database) {
        JdbiRunStore store = new JdbiRunStore(database.open(), JsonMapper.create());
        JdbiMapItemStore items = store.mapItems();
        insertRun(store, "run_1");
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            elements.add("{\"n\": " + i + "}");
        }
        items.insertItems("run_1", "each", 0, elements);
        assertThat(items.pendingItems("run_1", "each", 2_498, 10))
                .extracting(MapItemStore.PendingItem::index)
                .containsExactly(2_498, 2_499);
        for (int i = 0; i < 2_500; i++) {
            items.itemStarted("run_1", "each", i, 1, BASE.plusMillis(i));
            boolean fails = i % 1_000 == 7;
            items.itemFinished(
                    "run_1",
                    "each",
                    i,
                    fails ? TaskState.FAILED : TaskState.SUCCESS,
                    BASE.plusMillis(i + 5),
                    fails ? Optional.of("boom " + i) : Optional.empty(),
                    fails
                            ? Optional.empty()
                            : Optional.of(new StoredOutput(Optional.of(Integer.toString(i)), Optional.empty(), 1)));
        }
        items.itemStarted("run_1", "each", 2_007, 2, BASE);

        assertThat(store.findMapCounts("run_1")).containsExactly(Map.entry("each", new MapCounts(2_497, 2, 1, 0)));
        Page<MapItem> failed = store.findMapItems("run_1", "each", Optional.of(TaskState.FAILED), 1, 1);
        assertThat(failed.total()).isEqualTo(2);
        assertThat(failed.items()).singleElement().satisfies(item -> {
            assertThat(item.index()).isEqualTo(1_007);
            assertThat(item.error()).hasValue("boom 1007");
            assertThat(item.item()).isEqualTo("{\"n\": 1007}");
        });
        List<Optional<StoredOutput>> outputs = new ArrayList<>();
        items.forEachOutput("run_1", "each", outputs::add);
        assertThat(outputs).hasSize(2_500);
        assertThat(outputs.get(7)).isEmpty();
        assertThat(outputs.get(2_499).flatMap(StoredOutput::json)).hasValue("2499");

        insertRun(store, "run_2");
        elements.set(5, "{\"n\": \"changed\"}");
        items.insertItems("run_2", "each", 0, elements);
        int reused = items.reuseSucceeded("run_2", "each", "run_1");

        assertThat(reused)
                .as("all but the two failed, the one running and the one changed")
                .isEqualTo(2_496);
        assertThat(items.pendingItems("run_2", "each", 0, 10))
                .extracting(MapItemStore.PendingItem::index)
                .containsExactly(5, 7, 1_007, 2_007);
        assertThat(store.findMapItems("run_2", "each", Optional.of(TaskState.SUCCESS), 0, 1)
                        .items()
                        .get(0)
                        .reused())
                .isTrue();
        items.finishUnstarted("run_2", "each", TaskState.CANCELLED, BASE);
        assertThat(store.findMapCounts("run_2")).containsEntry("each", new MapCounts(2_496, 4, 0, 0));
    }
}
