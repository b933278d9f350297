package dev.orchestrator.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.schedule.ScheduleService.Timing;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelines' timings are read from the scheduler's store once however many clients ask at once: the API
 * benchmark's sixteen clients asking for 500 pipelines made every answer read every trigger again, and none came
 * back within 10 s.
 */
class ScheduleTimingsTest {

    private static final int PIPELINES = 40;
    private static final int CLIENTS = 8;
    private static final Instant NEXT = Instant.parse("2026-12-07T06:00:00Z");

    @TempDir
    Path directory;

    private TestDatabase database;
    private JdbiPipelineStateStore state;
    private PipelineRegistry registry;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanoTime = new AtomicLong();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    /** Holds every trigger read until released, so that the clients all ask while one reading is under way. */
    private volatile CountDownLatch readsMayGoOn = new CountDownLatch(0);

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder text = new StringBuilder("pipelines:\n");
        for (int i = 0; i < PIPELINES; i++) {
            text.append("  - id: p")
                    .append(i)
                    .append('\n')
                    .append("    schedule: { type: interval, interval_seconds: 60 }\n")
                    .append("    tasks:\n")
                    .append("      - { id: t, connector: shell, action: run, action_kwargs: { command: \"true\" } }\n");
        }
        Files.writeString(directory.resolve("many.yaml"), text);
        registry = new PipelineRegistry(
                directory,
                new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.empty(), Clock.systemUTC())));
        registry.reload();
        database = TestDatabase.create(TestDatabase.Kind.H2);
        state = new JdbiPipelineStateStore(database.open());
    }

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
        database.close();
    }

    private ScheduleTimings timings() {
        return new ScheduleTimings(
                registry,
                state,
                pipelineId -> {
                    reads.incrementAndGet();
                    try {
                        readsMayGoOn.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(NEXT);
                },
                Clock.systemUTC(),
                ZoneId.of("UTC"),
                nanoTime::get);
    }

    @Test
    void clientsAskingAtOnceWhenNothingIsReadYetWaitForOneReading() throws Exception {
        ScheduleTimings timings = timings();
        readsMayGoOn = new CountDownLatch(1);

        List<Future<Map<String, Timing>>> answers = askAtOnce(timings);
        awaitReads(1);
        Thread.sleep(200); // the other clients ask meanwhile; they must not read too
        readsMayGoOn.countDown();

        for (Future<Map<String, Timing>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS))
                    .hasSize(PIPELINES)
                    .allSatisfy((id, timing) -> assertThat(
                                    timing.nextFire().orElseThrow().toInstant())
                            .isEqualTo(NEXT));
        }
        assertThat(reads)
                .as("triggers read for %d clients asking at once", CLIENTS)
                .hasValue(PIPELINES);
    }

    @Test
    void clientsAskingWhileAnOldSnapshotIsReadAgainAreAnsweredFromItAtOnce() throws Exception {
        ScheduleTimings timings = timings();
        assertThat(timings.all()).hasSize(PIPELINES);
        assertThat(timings.all()).hasSize(PIPELINES);
        assertThat(reads).as("a second ask within the age reads nothing").hasValue(PIPELINES);

        nanoTime.addAndGet(Duration.ofSeconds(2).toNanos());
        readsMayGoOn = new CountDownLatch(1);
        List<Future<Map<String, Timing>>> answers = askAtOnce(timings);
        awaitReads(PIPELINES + 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answers.stream().filter(Future::isDone).count() < CLIENTS - 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(answers.stream().filter(Future::isDone).count())
                .as("clients answered from the old snapshot while one reads")
                .isEqualTo(CLIENTS - 1);
        readsMayGoOn.countDown();
        for (Future<Map<String, Timing>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).hasSize(PIPELINES);
        }

        assertThat(reads).as("one more reading for all of them").hasValue(2 * PIPELINES);
    }

    @Test
    void aChangeMadeHereIsSeenByTheNextAsk() {
        ScheduleTimings timings = timings();
        assertThat(timings.of("p1").paused()).isFalse();

        state.setPaused("p1", true, Instant.now());
        timings.forget();

        assertThat(timings.of("p1").paused()).isTrue();
    }

    private List<Future<Map<String, Timing>>> askAtOnce(ScheduleTimings timings) {
        List<Future<Map<String, Timing>>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(clients.submit(timings::all));
        }
        return answers;
    }

    private void awaitReads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reads.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reads.get()).as("trigger reads begun").isGreaterThanOrEqualTo(count);
    }
}
