package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHistorySearch;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The dashboard's figures as the database sums them up equal those of the agent reading every run of the range
 * and counting in Java (the way they were computed first, kept here as the reference), on H2 and PostgreSQL.
 */
class RunStatisticsTest {

    private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> PIPELINES = List.of("orders", "billing", "nightly_etl", "reports", "sync");

    @OnEveryDatabase
    void figuresSummedUpByTheDatabaseEqualThoseCountedRunByRun(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        store.insertRuns(fixture(600, new Random(16)));
        JdbiHistorySearch search = new JdbiHistorySearch(database, JsonMapper.create());
        Instant from = BASE.plus(Duration.ofMinutes(17));
        Instant to = BASE.plus(Duration.ofHours(29)).plus(Duration.ofMinutes(3));

        for (Optional<String> pipeline : List.of(Optional.<String>empty(), Optional.of("billing"))) {
            for (int recent : List.of(5, 50, 1_000)) {
                RunStatistics expected = countedRunByRun(database, from, to, pipeline, recent);
                RunStatistics actual = search.statistics(from, to, pipeline, recent);

                assertThat(actual)
                        .as("pipeline %s, %d recent runs", pipeline, recent)
                        .isEqualTo(expected);
            }
        }
        RunStatistics all = search.statistics(from, to, Optional.empty(), 50);
        assertThat(all.total()).as("the fixture reaches every figure").isGreaterThan(400);
        assertThat(all.byStatus()).containsOnlyKeys(RunState.values());
        assertThat(all.failingPipelines()).isNotEmpty();
        assertThat(all.averageDuration()).isPresent();
    }

    /**
     * The hours' sums follow every change of a run: started, ended, crashed (one by one and by its agent's
     * recovery), purged; ranges with whole hours (from the sums) and parts of hours (run by run).
     */
    @OnEveryDatabase
    void figuresFollowEveryChangeOfTheRuns(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        Random random = new Random(27);
        List<RunLifecycle.NewRun> runs = fixture(600, random).stream()
                .map(run -> new RunLifecycle.NewRun(
                        new RunRecord(
                                run.run().runId(),
                                run.run().pipelineId(),
                                RunState.QUEUED,
                                run.run().trigger(),
                                run.run().logicalTime(),
                                Map.of(),
                                run.run().createdAt(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                0,
                                random.nextBoolean() ? "a" : "b"),
                        run.taskIds()))
                .toList();
        store.insertRuns(runs);
        JdbiHistorySearch search = new JdbiHistorySearch(database, JsonMapper.create());
        assertEqualToCountedRunByRun(database, search, "queued");

        for (RunLifecycle.NewRun run : runs) {
            String runId = run.run().runId();
            Instant created = run.run().createdAt();
            int fate = random.nextInt(6);
            if (fate > 0) {
                store.markRunStarted(runId, created.plusNanos(random.nextInt(5_000_000) * 1_000L));
            }
            if (fate == 2 || fate == 3) {
                RunState end = List.of(RunState.SUCCESS, RunState.FAILED, RunState.CANCELLED)
                        .get(random.nextInt(3));
                assertThat(store.finishRun(runId, end, created.plusSeconds(random.nextInt(900)), Optional.empty()))
                        .isTrue();
                // a second end (another agent's, or a late one) changes nothing
                assertThat(store.finishRun(runId, RunState.SUCCESS, created.plusSeconds(2_000), Optional.empty()))
                        .isFalse();
            } else if (fate == 4) {
                store.crashRun(runId, "gone", created.plusSeconds(random.nextInt(900)));
            }
        }
        assertEqualToCountedRunByRun(database, search, "started and ended");

        assertThat(store.markUnfinishedCrashed("a", "agent a stopped", BASE.plus(Duration.ofDays(2))))
                .isPositive();
        assertEqualToCountedRunByRun(database, search, "agent a's runs crashed");

        List<String> purged = store.purgeFinishedBefore(BASE.plus(Duration.ofHours(12)));
        assertThat(purged).hasSizeGreaterThan(50);
        assertThat(store.purgeFinishedBefore(BASE.plus(Duration.ofHours(12)))).isEmpty();
        assertEqualToCountedRunByRun(database, search, "purged");
        assertThat(search.statistics(
                                BASE.minus(Duration.ofHours(2)), BASE.plus(Duration.ofDays(3)), Optional.empty(), 5)
                        .byStatus())
                .containsKey(RunState.QUEUED);
    }

    /**
     * A run's way from queued to running writes no sums, so concurrent runs do not queue up on the rows of their
     * hour; its end writes its status's rows (the pipeline's and every pipeline's), once.
     */
    @OnEveryDatabase
    void onlyARunsEndChangesTheSums(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        store.insertRuns(List.of(new RunLifecycle.NewRun(
                new RunRecord(
                        "run_1",
                        "orders",
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
                List.of("t"))));
        store.markRunStarted("run_1", BASE.plusSeconds(1));

        assertThat(allHourRows(database)).as("queued, then running").isEmpty();

        store.finishRun("run_1", RunState.SUCCESS, BASE.plusSeconds(3), Optional.empty());

        assertThat(allHourRows(database))
                .extracting(row -> row.get("pipeline_id") + " " + row.get("status") + " " + row.get("runs") + " "
                        + row.get("duration_ms"))
                .containsExactly("* success 1 2000", "orders success 1 2000");
        assertEqualToCountedRunByRun(database, new JdbiHistorySearch(database, JsonMapper.create()), "ended");
    }

    private static List<Map<String, Object>> allHourRows(Database database) {
        return database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT pipeline_id, status, runs, duration_ms"
                                + " FROM run_hours ORDER BY pipeline_id, status")
                        .mapToMap()
                        .list());
    }

    /**
     * Agents changing runs at once (eight threads, two stores: inserts, starts, ends racing crashes on the same
     * runs, all in the same few hours) leave the sums equal to the runs, and never deadlock.
     */
    @OnEveryDatabase
    void concurrentChangesKeepTheSumsRight(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        List<JdbiRunStore> stores = List.of(
                new JdbiRunStore(database, JsonMapper.create()), new JdbiRunStore(database, JsonMapper.create()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int number = thread;
                done.add(pool.submit(() -> {
                    Random random = new Random(number);
                    JdbiRunStore store = stores.get(number % 2);
                    JdbiRunStore other = stores.get(1 - number % 2);
                    for (int i = 0; i < 40; i++) {
                        String runId = "run_" + number + "_" + i;
                        Instant created = BASE.plusSeconds(random.nextInt(3 * 3_600));
                        store.insertRuns(List.of(new RunLifecycle.NewRun(
                                new RunRecord(
                                        runId,
                                        PIPELINES.get(random.nextInt(2)),
                                        RunState.QUEUED,
                                        TriggerKind.MANUAL,
                                        created.atZone(ZoneOffset.UTC),
                                        Map.of(),
                                        created,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        0,
                                        "a"),
                                List.of("t"))));
                        store.markRunStarted(runId, created.plusMillis(random.nextInt(1_000)));
                        Instant end = created.plusMillis(random.nextInt(600_000));
                        Thread racing = new Thread(() -> other.crashRun(runId, "taken for dead", end));
                        racing.start();
                        store.finishRun(runId, RunState.FAILED, end.plusMillis(1), Optional.empty());
                        racing.join();
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> kept = hourSums(database);
        database.jdbi().useTransaction(handle -> {
            handle.execute("DELETE FROM run_hours");
            backfill(handle);
        });
        assertThat(kept).isEqualTo(hourSums(database)).isNotEmpty();
        assertEqualToCountedRunByRun(database, new JdbiHistorySearch(database, JsonMapper.create()), "racing");
    }

    /** The migration's sums of the runs already there equal what the store keeps as runs come and go. */
    @OnEveryDatabase
    void theMigrationSumsUpTheRunsAlreadyThere(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        store.insertRuns(fixture(600, new Random(5)));
        List<Map<String, Object>> kept = hourSums(database);
        JdbiHistorySearch search = new JdbiHistorySearch(database, JsonMapper.create());

        database.jdbi().useTransaction(handle -> {
            handle.execute("DELETE FROM run_hours");
            backfill(handle);
        });

        assertThat(hourSums(database)).isEqualTo(kept).hasSizeGreaterThan(100);
        assertEqualToCountedRunByRun(database, search, "backfilled");
    }

    /** The sums of the runs there, by the migration's own statements. */
    private static void backfill(org.jdbi.v3.core.Handle handle) throws java.io.IOException {
        String migration;
        try (var script = Database.class.getResourceAsStream("/db/migration/V14__run_hours.sql")) {
            migration = new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
            if (statement.strip().startsWith("INSERT")) {
                handle.execute(statement);
            }
        }
    }

    private static List<Map<String, Object>> hourSums(Database database) {
        return database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT pipeline_id, hour_number, status,"
                                + " runs, finished, duration_ms FROM run_hours WHERE runs <> 0"
                                + " AND status NOT IN ('queued', 'running')" // the sums hold ended runs only"
                                + " ORDER BY pipeline_id, hour_number, status")
                        .mapToMap()
                        .map(row -> {
                            Map<String, Object> values = new LinkedHashMap<>();
                            row.forEach((column, value) -> values.put(
                                    column, value instanceof Number number ? (Object) number.longValue() : value));
                            return values;
                        })
                        .list());
    }

    private static void assertEqualToCountedRunByRun(Database database, JdbiHistorySearch search, String after) {
        List<Instant[]> ranges = List.of(
                new Instant[] {
                    BASE.plus(Duration.ofMinutes(17)),
                    BASE.plus(Duration.ofHours(29)).plusSeconds(185)
                },
                new Instant[] {BASE.minus(Duration.ofHours(2)), BASE.plus(Duration.ofHours(40))},
                new Instant[] {BASE.plus(Duration.ofHours(3)), BASE.plus(Duration.ofHours(9))},
                new Instant[] {BASE.plusSeconds(1_234).plusNanos(5_000), BASE.plusSeconds(2_345)});
        for (Instant[] range : ranges) {
            for (Optional<String> pipeline : List.of(Optional.<String>empty(), Optional.of("billing"))) {
                assertThat(search.statistics(range[0], range[1], pipeline, 20))
                        .as("after %s: %s to %s, pipeline %s", after, range[0], range[1], pipeline)
                        .isEqualTo(countedRunByRun(database, range[0], range[1], pipeline, 20));
            }
        }
    }

    @OnEveryDatabase
    void anEmptyRangeHasNoFigures(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        new JdbiRunStore(database, JsonMapper.create()).insertRuns(fixture(20, new Random(3)));
        JdbiHistorySearch search = new JdbiHistorySearch(database, JsonMapper.create());
        Instant from = BASE.minus(Duration.ofDays(3));

        RunStatistics statistics = search.statistics(from, from.plus(Duration.ofHours(2)), Optional.empty(), 50);

        assertThat(statistics)
                .isEqualTo(countedRunByRun(database, from, from.plus(Duration.ofHours(2)), Optional.empty(), 50));
        assertThat(statistics.total()).isZero();
        assertThat(statistics.averageDuration()).isEmpty();
        assertThat(statistics.runsPerHour()).hasSize(2);
    }

    /**
     * Runs over 31 hours, one every quarter second or so: every state, some ended without a start, times with
     * microseconds.
     */
    private static List<RunLifecycle.NewRun> fixture(int count, Random random) {
        List<RunLifecycle.NewRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = BASE.minus(Duration.ofHours(1))
                    .plus(Duration.ofSeconds(186L * i))
                    .plusNanos(random.nextInt(1_000_000) * 1_000L);
            RunState state = List.of(RunState.values()).get(random.nextInt(RunState.values().length));
            Optional<Instant> started = state == RunState.QUEUED || random.nextInt(10) == 0
                    ? Optional.empty()
                    : Optional.of(created.plusNanos(random.nextInt(5_000_000) * 1_000L));
            Optional<Instant> finished = state.isTerminal()
                    ? Optional.of(started.orElse(created).plusNanos(random.nextInt(90_000_000) * 1_000L))
                    : Optional.empty();
            String runId = String.format(Locale.ROOT, "run_%04d_%08x", i, random.nextInt());
            runs.add(new RunLifecycle.NewRun(
                    new RunRecord(
                            runId,
                            PIPELINES.get(random.nextInt(PIPELINES.size())),
                            state,
                            TriggerKind.MANUAL,
                            created.atZone(ZoneOffset.UTC),
                            Map.of(),
                            created,
                            started,
                            finished,
                            Optional.empty(),
                            Optional.empty(),
                            0,
                            "a"),
                    List.of("t")));
        }
        return runs;
    }

    /** The figures as first computed: every run of the range read into the agent, counted one by one. */
    private static RunStatistics countedRunByRun(
            Database database, Instant from, Instant to, Optional<String> pipelineId, int recentRuns) {
        Map<RunState, Long> byStatus = new EnumMap<>(RunState.class);
        Map<Instant, long[]> perHour = new LinkedHashMap<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
                hour.isBefore(to);
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            perHour.put(hour, new long[2]);
        }
        ArrayDeque<RunStatistics.FinishedRun> recent = new ArrayDeque<>();
        Map<String, RunStatistics.FinishedRun> latestPerPipeline = new LinkedHashMap<>();
        long[] durationSum = new long[2];
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        List<RunRecord> runs = new ArrayList<>(store.findRuns(new RunQuery(
                        pipelineId, Optional.empty(), Optional.of(from), Optional.of(to), Optional.empty(), 1, 100_000))
                .items());
        java.util.Collections.reverse(runs); // oldest first
        for (RunRecord run : runs) {
            byStatus.merge(run.status(), 1L, Long::sum);
            long[] hour = perHour.get(run.createdAt().truncatedTo(ChronoUnit.HOURS));
            if (hour != null) {
                hour[0]++;
                hour[1] += run.status() == RunState.FAILED || run.status() == RunState.CRASHED ? 1 : 0;
            }
            if (run.status().isTerminal()
                    && run.startedAt().isPresent()
                    && run.finishedAt().isPresent()) {
                long millis = Duration.between(
                                run.startedAt().get(), run.finishedAt().get())
                        .toMillis();
                durationSum[0] += millis;
                durationSum[1]++;
                RunStatistics.FinishedRun finished = new RunStatistics.FinishedRun(
                        run.runId(),
                        run.pipelineId(),
                        run.status(),
                        run.startedAt().get(),
                        run.finishedAt().get(),
                        millis);
                recent.addLast(finished);
                if (recent.size() > recentRuns) {
                    recent.removeFirst();
                }
                latestPerPipeline.merge(
                        run.pipelineId(),
                        finished,
                        (older, newer) -> newer.finishedAt().isBefore(older.finishedAt()) ? older : newer);
            }
        }
        List<RunStatistics.HourCount> hours = new ArrayList<>();
        perHour.forEach((hour, counts) -> hours.add(new RunStatistics.HourCount(hour, counts[0], counts[1])));
        List<RunStatistics.FinishedRun> failing = latestPerPipeline.values().stream()
                .filter(run -> run.status() != RunState.SUCCESS)
                .toList();
        return new RunStatistics(
                from,
                to,
                byStatus,
                durationSum[1] == 0 ? Optional.empty() : Optional.of(durationSum[0] / durationSum[1]),
                hours,
                List.copyOf(recent),
                failing);
    }
}
