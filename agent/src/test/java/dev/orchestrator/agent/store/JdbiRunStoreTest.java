package dev.orchestrator.agent.store;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The store on a real H2 file database with the real migrations. */
class JdbiRunStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;
    private Database database;
    private JdbiRunStore store;

    private JdbiRunStore store() {
        database = Database.embedded(directory);
        store = new JdbiRunStore(database, JsonMapper.create());
        return store;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static RunRecord run(String runId, String agentId, Instant created) {
        return new RunRecord(runId, "pipeline", RunState.QUEUED, TriggerKind.MANUAL,
                created.atZone(ZoneId.of("Asia/Shanghai")), Map.of("region", "eu"), created, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, agentId);
    }

    @Test
    void keepsARunWithItsTasksInFileOrderAndItsTimeZone() {
        store().insertRun(run("r1", "a", NOW), List.of("extract", "load"));

        RunDetail detail = store.findRun("r1").orElseThrow();

        assertThat(detail.tasks()).extracting(TaskRunRecord::taskId).containsExactly("extract", "load");
        assertThat(detail.tasks()).extracting(TaskRunRecord::status).containsOnly(TaskState.PENDING);
        assertThat(detail.run().logicalTime().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(detail.run().params()).containsEntry("region", "eu");
        assertThat(store.findRun("nope")).isEmpty();
    }

    @Test
    void marksOnlyThisAgentsUnfinishedRunsAsCrashed() {
        store().insertRun(run("mine_running", "a", NOW), List.of("t"));
        store.markRunStarted("mine_running", NOW);
        store.startAttempt("mine_running", "t", 1, NOW);
        store.insertRun(run("mine_done", "a", NOW), List.of("t"));
        store.finishRun("mine_done", RunState.SUCCESS, NOW, Optional.empty());
        store.insertRun(run("other_agents", "b", NOW), List.of("t"));

        int crashed = store.markUnfinishedCrashed("a", "agent died", NOW.plusSeconds(5));

        assertThat(crashed).isEqualTo(1);
        RunDetail detail = store.findRun("mine_running").orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunState.CRASHED);
        assertThat(detail.run().reason()).contains("agent died");
        assertThat(detail.tasks().get(0).status()).isEqualTo(TaskState.CRASHED);
        assertThat(detail.tasks().get(0).attempts()).singleElement().satisfies(attempt ->
                assertThat(attempt.status()).isEqualTo(TaskState.CRASHED));
        assertThat(store.findRun("mine_done").orElseThrow().run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(store.findRun("other_agents").orElseThrow().run().status()).isEqualTo(RunState.QUEUED);
    }

    @Test
    void purgesFinishedRunsOlderThanTheCutoffWithEverythingThatBelongsToThem() {
        store().insertRun(run("old", "a", NOW.minusSeconds(86_400 * 40)), List.of("t"));
        store.startAttempt("old", "t", 1, NOW.minusSeconds(86_400 * 40));
        store.appendLogs(List.of(LogLine.of("old", "t", 1, "INFO", NOW.minusSeconds(86_400 * 40), "hello")));
        store.addEvent("old", "hook_failed", "x", NOW.minusSeconds(86_400 * 40));
        store.finishRun("old", RunState.SUCCESS, NOW.minusSeconds(86_400 * 40), Optional.empty());
        store.insertRun(run("recent", "a", NOW), List.of("t"));
        store.finishRun("recent", RunState.SUCCESS, NOW, Optional.empty());
        store.insertRun(run("old_but_running", "a", NOW.minusSeconds(86_400 * 40)), List.of("t"));

        List<String> purged = store.purgeFinishedBefore(NOW.minusSeconds(86_400 * 30));

        assertThat(purged).containsExactly("old");
        assertThat(store.findRun("old")).isEmpty();
        assertThat(store.findLogs("old", Optional.empty(), 0, 10)).isEmpty();
        assertThat(store.findRun("recent")).isPresent();
        assertThat(store.findRun("old_but_running")).isPresent();
    }

    @Test
    void aRunSurvivesClosingAndReopeningTheDatabaseFile() {
        store().insertRun(run("durable", "a", NOW), List.of("t"));
        database.close();

        database = Database.embedded(directory);
        store = new JdbiRunStore(database, JsonMapper.create());

        assertThat(store.findRun("durable")).isPresent();
    }
}
