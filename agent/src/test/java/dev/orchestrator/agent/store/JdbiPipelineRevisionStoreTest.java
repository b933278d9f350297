package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineRevisionStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipelines' revisions and the revision each run names, on H2 and on PostgreSQL. */
class JdbiPipelineRevisionStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static PipelineRevisionStore.Loaded loaded(String pipelineId, String revision, int minute, String text) {
        return new PipelineRevisionStore.Loaded(
                new PipelineRevision(
                        pipelineId, revision, NOW.plusSeconds(60L * minute), PipelineRevision.FILE, "file", "p.yaml"),
                text);
    }

    @OnEveryDatabase
    void keepsEachNewVersionOnceAndListsThemNewestFirstOnePageAtATime(TestDatabase database) {
        PipelineRevisionStore store = new JdbiPipelineRevisionStore(database.open());

        assertThat(store.keep(List.of(loaded("p", "aaa", 0, "one"), loaded("q", "qqq", 0, "q"))))
                .extracting(PipelineRevision::revision)
                .containsExactly("aaa", "qqq");
        // a reload of the same texts keeps nothing; an edit of p keeps its new version only
        assertThat(store.keep(List.of(loaded("p", "aaa", 1, "one"), loaded("q", "qqq", 1, "q"))))
                .isEmpty();
        assertThat(store.keep(List.of(loaded("p", "bbb", 2, "two"), loaded("q", "qqq", 2, "q"))))
                .extracting(PipelineRevision::revision)
                .containsExactly("bbb");
        // a version that comes back becomes the newest again
        assertThat(store.keep(List.of(loaded("p", "aaa", 3, "one")))).hasSize(1);

        Page<PipelineRevision> all = store.list("p", 1, 50);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(PipelineRevision::revision).containsExactly("aaa", "bbb", "aaa");
        assertThat(all.items().get(0).loadedAt()).isEqualTo(NOW.plusSeconds(180));
        assertThat(store.list("p", 2, 2).items())
                .extracting(PipelineRevision::revision)
                .containsExactly("aaa");
        assertThat(store.newest("p").map(PipelineRevision::revision)).contains("aaa");
        assertThat(store.newest("never")).isEmpty();

        PipelineRevisionStore.Loaded found = store.find("p", "bbb").orElseThrow();
        assertThat(found.text()).isEqualTo("two");
        assertThat(found.revision().file()).isEqualTo("p.yaml");
        assertThat(found.revision().source()).isEqualTo(PipelineRevision.FILE);
        assertThat(store.find("p", "qqq")).isEmpty();

        // a new store on the same database sees what the first kept
        PipelineRevisionStore reopened = new JdbiPipelineRevisionStore(database.open());
        assertThat(reopened.keep(List.of(loaded("p", "aaa", 4, "one")))).isEmpty();
    }

    @OnEveryDatabase
    void keepsTheRevisionARunRan(TestDatabase database) {
        JdbiRunStore runs = new JdbiRunStore(database.open(), JsonMapper.create());
        RunRecord run = new RunRecord(
                "r1",
                "p",
                RunState.QUEUED,
                TriggerKind.MANUAL,
                NOW.atZone(ZoneOffset.UTC),
                Map.of(),
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                "agent",
                Optional.of("3f9a0c1d2e4b"));
        runs.insertRun(run, List.of("t"));
        runs.insertRun(
                new RunRecord(
                        "r2",
                        "p",
                        RunState.QUEUED,
                        TriggerKind.MANUAL,
                        NOW.atZone(ZoneOffset.UTC),
                        Map.of(),
                        NOW,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "agent"),
                List.of("t"));

        assertThat(runs.findRun("r1").orElseThrow().run().revision()).contains("3f9a0c1d2e4b");
        assertThat(runs.findRun("r2").orElseThrow().run().revision()).isEmpty();
        assertThat(runs.findRuns("p", 10))
                .extracting(found -> found.revision().orElse("none"))
                .containsExactlyInAnyOrder("3f9a0c1d2e4b", "none");
    }
}
