package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunLifecycle.NewRun;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run journal of the embedded H2 database: a run's creation is appended to it instead of forcing the whole
 * database to disk, replayed at the next start for the runs the database lost, and dropped once the database holds
 * them on disk.
 */
class RunJournalTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path directory;

    private final RunCreationRecord records = new RunCreationRecord(JsonMapper.create());

    @Test
    void runsTheDatabaseLostAreInsertedAgainAndRunsItHasAreLeftAsTheyAre() throws IOException {
        try (Database database = Database.embedded(directory)) {
            JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
            store.insertRuns(List.of(newRun("kept")));
            store.finishRun("kept", RunState.SUCCESS, AT.plusSeconds(5), Optional.empty());
        }
        // what a killed process leaves: the records of runs it answered for, one of them lost by the database
        try (RunJournal journal = RunJournal.open(directory.resolve("orchestrator"))) {
            journal.append(records.write(List.of(newRun("kept"))));
            journal.append(records.write(List.of(newRun("lost-1"), newRun("lost-2"))));
        }
        List<Path> left = segments();
        assertThat(left).hasSize(1);
        // the last record cut short in its write: never acknowledged, ignored with a warning
        byte[] torn = records.write(List.of(newRun("torn")));
        java.nio.ByteBuffer header =
                java.nio.ByteBuffer.allocate(8).putInt(torn.length).putInt(0);
        Files.write(left.get(0), header.array(), StandardOpenOption.APPEND);
        Files.write(left.get(0), java.util.Arrays.copyOf(torn, 10), StandardOpenOption.APPEND);

        try (Database database = Database.embedded(directory)) {
            JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
            for (String lost : List.of("lost-1", "lost-2")) {
                RunDetail run = store.findRun(lost).orElseThrow();
                assertThat(run.run().status()).isEqualTo(RunState.QUEUED);
                assertThat(run.run().params()).isEqualTo(Map.of("day", "monday", "n", 3));
                assertThat(run.run().logicalTime()).isEqualTo(ZonedDateTime.ofInstant(AT, ZoneId.of("Europe/Paris")));
                assertThat(run.tasks()).extracting(TaskRunRecord::taskId).containsExactly("extract", "load");
                assertThat(run.tasks()).extracting(TaskRunRecord::status).containsOnly(TaskState.PENDING);
            }
            assertThat(store.findRun("kept").orElseThrow().run().status())
                    .as("a record of a run the database has changes nothing")
                    .isEqualTo(RunState.SUCCESS);
            assertThat(store.findRun("torn")).isEmpty();
            assertThat(segments()).as("replayed, then dropped").isEmpty();
        }
    }

    @Test
    void aCreationIsJournaledUntilTheDatabaseIsOnDiskThenDropped() throws IOException {
        try (Database database = Database.embedded(directory)) {
            JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
            store.insertRuns(List.of(newRun("r1")));
            List<Path> journaled = segments();
            assertThat(journaled).hasSize(1);
            assertThat(RunJournal.read(journaled.get(0)))
                    .singleElement()
                    .satisfies(record -> assertThat(records.read(record))
                            .extracting(run -> run.run().runId())
                            .containsExactly("r1"));
            // the truncation's period: a checkpoint, then the segment is gone
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> segments().isEmpty());

            store.insertRuns(List.of(newRun("r2")));
            assertThat(segments()).hasSize(1);
        }
        assertThat(segments()).as("closing makes the journal unnecessary").isEmpty();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("orchestrator.runs."))
                    .toList();
        }
    }

    private static NewRun newRun(String runId) {
        return new NewRun(
                new RunRecord(
                        runId,
                        "daily",
                        RunState.QUEUED,
                        TriggerKind.MANUAL,
                        ZonedDateTime.ofInstant(AT, ZoneId.of("Europe/Paris")),
                        Map.of("day", "monday", "n", 3),
                        AT,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "agent-a"),
                List.of("extract", "load"));
    }
}
