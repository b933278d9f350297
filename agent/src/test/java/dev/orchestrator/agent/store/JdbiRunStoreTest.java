package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run store's contract, on H2 and on PostgreSQL, with the real migrations. */
class JdbiRunStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static JdbiRunStore store(Database database) {
        return new JdbiRunStore(database, JsonMapper.create());
    }

    private static RunRecord run(String runId, String agentId, Instant created) {
        return run(runId, agentId, created, TriggerKind.MANUAL);
    }

    private static RunRecord run(String runId, String agentId, Instant created, TriggerKind trigger) {
        return new RunRecord(
                runId,
                "pipeline",
                RunState.QUEUED,
                trigger,
                created.atZone(ZoneId.of("Asia/Shanghai")),
                Map.of("region", "eu"),
                created,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                agentId);
    }

    @OnEveryDatabase
    void keepsARunWithItsTasksInFileOrderAndItsTimeZone(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("r1", "a", NOW), List.of("extract", "load"));

        RunDetail detail = store.findRun("r1").orElseThrow();

        assertThat(detail.tasks()).extracting(TaskRunRecord::taskId).containsExactly("extract", "load");
        assertThat(detail.tasks()).extracting(TaskRunRecord::status).containsOnly(TaskState.PENDING);
        assertThat(detail.run().logicalTime().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(detail.run().logicalTime().toInstant()).isEqualTo(NOW);
        assertThat(detail.run().params()).containsEntry("region", "eu");
        assertThat(store.findRun("nope")).isEmpty();
    }

    @OnEveryDatabase
    void recordsAttemptsOutputsLogsAndEventsOfARun(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("r1", "a", NOW), List.of("extract", "load", "report"));
        store.markRunStarted("r1", NOW);
        store.startAttempt("r1", "extract", 1, NOW);
        store.finishAttempt(new AttemptOutcome(
                "r1",
                "extract",
                1,
                TaskState.FAILED,
                TaskState.RETRYING,
                NOW,
                NOW.plusMillis(250),
                Optional.of("java.io.IOException"),
                Optional.of("connection reset"),
                Optional.of("java.io.IOException: connection reset\n\tat Fetch.run(Fetch.java:1)"),
                Optional.empty(),
                List.of(LogLine.of("r1", "extract", 1, "INFO", NOW, "fetching"))));
        store.startAttempt("r1", "extract", 2, NOW.plusSeconds(1));
        store.finishAttempt(new AttemptOutcome(
                "r1",
                "extract",
                2,
                TaskState.SUCCESS,
                TaskState.SUCCESS,
                NOW.plusSeconds(1),
                NOW.plusSeconds(2),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new StoredOutput(Optional.of("[1,2,3]"), Optional.empty(), 7)),
                List.of()));
        store.appendLogs(List.of(LogLine.of("r1", "load", 1, "WARN", NOW.plusSeconds(3), "slow")));
        store.finishTasksWithoutRunning(
                "r1",
                List.of("load", "report"),
                TaskState.SKIPPED,
                NOW.plusSeconds(4),
                Optional.of("stopped on failure"));
        store.addEvent("r1", "hook_failed", "webhook answered 500", NOW.plusSeconds(5));
        store.finishRun("r1", RunState.FAILED, NOW.plusSeconds(5), Optional.of("load failed"));

        RunDetail detail = store.findRun("r1").orElseThrow();

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(detail.run().startedAt()).contains(NOW);
        assertThat(detail.run().finishedAt()).contains(NOW.plusSeconds(5));
        TaskRunRecord extract = detail.tasks().get(0);
        assertThat(extract.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(extract.attempts())
                .extracting(AttemptRecord::status)
                .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
        assertThat(extract.attempts().get(0).durationMillis()).contains(250L);
        assertThat(extract.attempts().get(0).stackTrace().orElseThrow()).contains("Fetch.java:1");
        assertThat(store.findOutput("r1", "extract"))
                .hasValueSatisfying(output -> assertThat(output.json()).contains("[1,2,3]"));
        assertThat(detail.tasks().get(2).status()).isEqualTo(TaskState.SKIPPED);
        assertThat(detail.events())
                .singleElement()
                .satisfies(event -> assertThat(event.message()).isEqualTo("webhook answered 500"));
        assertThat(store.countLogs("r1", Optional.empty())).isEqualTo(2);
        assertThat(store.findLogs("r1", Optional.of("load"), 0, 10))
                .extracting(LogLine::message)
                .containsExactly("slow");
        long firstId = store.findLogs("r1", Optional.empty(), 0, 10).get(0).id();
        assertThat(store.findLogs("r1", Optional.empty(), firstId, 10))
                .extracting(LogLine::message)
                .containsExactly("slow");
    }

    @OnEveryDatabase
    void pagesAndCountsARunsLogOfManyLinesPerTaskAndAcrossTasks(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("r1", "a", NOW), List.of("chatty", "quiet"));
        for (int batch = 0; batch < 20; batch++) {
            List<LogLine> lines = new java.util.ArrayList<>();
            for (int i = 1; i <= 1_000; i++) {
                lines.add(LogLine.of("r1", "chatty", 1, "INFO", NOW, "line " + (batch * 1_000 + i)));
            }
            store.appendLogs(lines);
        }
        store.finishAttempt(new AttemptOutcome(
                "r1",
                "quiet",
                1,
                TaskState.SUCCESS,
                TaskState.SUCCESS,
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(LogLine.of("r1", "quiet", 1, "INFO", NOW, "only line of quiet"))));

        assertThat(store.countLogs("r1", Optional.empty())).isEqualTo(20_001);
        assertThat(store.countLogs("r1", Optional.of("chatty"))).isEqualTo(20_000);
        assertThat(store.countLogs("r1", Optional.of("quiet"))).isEqualTo(1);
        assertThat(store.countLogs("r1", Optional.of("nope"))).isZero();
        List<LogLine> first = store.findLogs("r1", Optional.empty(), 0, 50);
        assertThat(first)
                .extracting(LogLine::message)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50)
                        .mapToObj(i -> "line " + i)
                        .toList());
        List<LogLine> second =
                store.findLogs("r1", Optional.empty(), first.get(49).id(), 50);
        assertThat(second).extracting(LogLine::message).startsWith("line 51").endsWith("line 100");
        assertThat(store.findLogs("r1", Optional.of("quiet"), 0, 50))
                .extracting(LogLine::message)
                .containsExactly("only line of quiet");
        long lastChatty = store.findLogs("r1", Optional.of("chatty"), 0, 20_000)
                .get(19_999)
                .id();
        assertThat(store.findLogs("r1", Optional.empty(), lastChatty, 50))
                .extracting(LogLine::message)
                .containsExactly("only line of quiet");
        assertThat(store.findLogs("r1", Optional.of("chatty"), lastChatty, 50)).isEmpty();
    }

    /** A text search counts up to a bound, as the log search does: more is said as the bound plus one. */
    @OnEveryDatabase
    void aTextSearchCountsItsMatchesUpToTheBound(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        List<RunLifecycle.NewRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            runs.add(new RunLifecycle.NewRun(run(String.format("run_%04d", i), "a", NOW.plusSeconds(i)), List.of("t")));
        }
        store.insertRuns(runs);

        Page<RunRecord> many = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("RUN_"), 3, 10));
        Page<RunRecord> few = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("run_10"), 1, 500));
        Page<RunRecord> all = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 10));

        assertThat(many.total()).isEqualTo(HistorySearch.COUNT_LIMIT + 1);
        assertThat(many.items())
                .extracting(RunRecord::runId)
                .startsWith("run_1079")
                .hasSize(10);
        assertThat(few.total())
                .as("run_1000 to run_1099: exact below the bound")
                .isEqualTo(100);
        assertThat(few.items()).hasSize(100);
        assertThat(all.total()).as("without a text, exact").isEqualTo(1_100);
    }

    @OnEveryDatabase
    void listsRunsNewestFirstFilteredAndPaged(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        for (int i = 0; i < 5; i++) {
            store.insertRun(run("run_" + i, "a", NOW.plusSeconds(i)), List.of("t"));
        }
        store.finishRun("run_3", RunState.FAILED, NOW.plusSeconds(10), Optional.of("Disk 100% full_now"));

        Page<RunRecord> page = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 2, 2));
        Page<RunRecord> byReason = store.findRuns(new RunQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("100% FULL_"),
                1,
                10));
        Page<RunRecord> literalPercent = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("0%f"), 1, 10));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(RunRecord::runId).containsExactly("run_2", "run_1");
        assertThat(byReason.items()).extracting(RunRecord::runId).containsExactly("run_3");
        assertThat(literalPercent.items()).as("%% and _ are taken literally").isEmpty();
        assertThat(store.findRuns("pipeline", 3))
                .extracting(RunRecord::runId)
                .containsExactly("run_0", "run_1", "run_2");
    }

    private static final String SALES = "run_20240315_060001_a3f2c1d4e5f6";
    private static final String METRICS = "run_20240316_070002_0b1c2d3e4f50";

    /**
     * Two runs with ids as the agent makes them (created at the time their ids say): one of "nightly_Sales_load", one
     * of "hourly-metrics" that failed.
     */
    private static JdbiRunStore twoRealRuns(Database database) {
        JdbiRunStore store = store(database);
        RunRecord sales = run(SALES, "a", Instant.parse("2024-03-15T06:00:01.250Z"));
        RunRecord metrics = run(METRICS, "a", Instant.parse("2024-03-16T07:00:02Z"));
        store.insertRun(
                new RunRecord(
                        sales.runId(),
                        "nightly_Sales_load",
                        sales.status(),
                        sales.trigger(),
                        sales.logicalTime(),
                        sales.params(),
                        sales.createdAt(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("t"));
        store.insertRun(
                new RunRecord(
                        metrics.runId(),
                        "hourly-metrics",
                        metrics.status(),
                        metrics.trigger(),
                        metrics.logicalTime(),
                        metrics.params(),
                        metrics.createdAt(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("t"));
        store.finishRun(
                METRICS,
                RunState.FAILED,
                NOW.plusSeconds(90),
                Optional.of("failed tasks: load (Connection reset by peer)"));
        return store;
    }

    private static Page<RunRecord> search(JdbiRunStore store, String text) {
        return store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(text), 1, 50));
    }

    private static List<String> found(JdbiRunStore store, String text) {
        Page<RunRecord> page = search(store, text);
        assertThat(page.total())
                .as("total of q=%s", text)
                .isEqualTo(page.items().size());
        return page.items().stream().map(RunRecord::runId).toList();
    }

    /**
     * What {@code q} matches: a piece of the pipeline id or of the reason, the start of the run id or of its random
     * hex, or of its date and time (read as the time the run was created), any case. A time alone no longer does.
     */
    @OnEveryDatabase
    void aTextSearchFindsRunsByPipelineReasonAndTheirIdsParts(TestDatabase database) {
        JdbiRunStore store = twoRealRuns(database.open());

        assertThat(found(store, "sales"))
                .as("a piece of the pipeline id, any case")
                .containsExactly(SALES);
        assertThat(found(store, "-METRICS")).containsExactly(METRICS);
        assertThat(found(store, "connection reset")).as("a piece of the reason").containsExactly(METRICS);
        assertThat(found(store, SALES)).as("the whole run id").containsExactly(SALES);
        assertThat(found(store, SALES.toUpperCase(java.util.Locale.ROOT))).containsExactly(SALES);
        assertThat(found(store, "a3f2c1d4e5f6")).as("its hex suffix").containsExactly(SALES);
        assertThat(found(store, "0B1C2D")).as("the start of its hex suffix").containsExactly(METRICS);
        assertThat(found(store, "20240316")).as("its date").containsExactly(METRICS);
        assertThat(found(store, "060001")).as("its time alone: no longer").isEmpty();
        assertThat(found(store, "20240315_0600")).as("its date and time").containsExactly(SALES);
        assertThat(found(store, "20240315_06")).containsExactly(SALES);
        assertThat(found(store, "20240315_060001_A3F2"))
                .as("its date, time and hex")
                .containsExactly(SALES);
        assertThat(found(store, "run_20240316_")).containsExactly(METRICS);
        assertThat(found(store, "20240315_0601")).as("another minute").isEmpty();
        assertThat(found(store, "2024031")).as("not a date: the start of a hex").isEmpty();
        assertThat(found(store, "run_2024")).as("newest first").containsExactly(METRICS, SALES);
        assertThat(found(store, "no such thing")).isEmpty();
        assertThat(found(store, "pipeline_999")).isEmpty();
        assertThat(search(store, "no such thing").total()).isZero();
        assertThat(store.findRuns(new RunQuery(
                                Optional.empty(),
                                Optional.of(RunState.FAILED),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of("run_"),
                                1,
                                50))
                        .items())
                .extracting(RunRecord::runId)
                .as("with the other filters")
                .containsExactly(METRICS);
    }

    /** The search follows a run's reason as it changes, on every path that sets one. */
    @OnEveryDatabase
    void aTextSearchFindsARunByItsReasonOfNowNotOfBefore(TestDatabase database) {
        JdbiRunStore store = twoRealRuns(database.open());
        RunRecord waiting = run("run_20240317_080003_c0ffee000001", "b", NOW.plusSeconds(120));
        store.insertRun(
                new RunRecord(
                        waiting.runId(),
                        "reports",
                        RunState.QUEUED,
                        waiting.trigger(),
                        waiting.logicalTime(),
                        waiting.params(),
                        waiting.createdAt(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("queued behind the quarterly close"),
                        Optional.empty(),
                        0,
                        "b"),
                List.of("t"));
        store.insertRun(run("run_20240317_080004_c0ffee000002", "b", NOW.plusSeconds(121)), List.of("t"));

        assertThat(found(store, "quarterly close"))
                .as("a reason set at creation")
                .containsExactly("run_20240317_080003_c0ffee000001");
        store.finishRun(
                "run_20240317_080003_c0ffee000001",
                RunState.CANCELLED,
                NOW.plusSeconds(130),
                Optional.of("cancelled by ops: Freeze window"));
        store.markUnfinishedCrashed(
                "b", "agent b (vm-7, pid 4242) stopped while this was running", NOW.plusSeconds(140));
        store.finishRun(METRICS, RunState.SUCCESS, NOW.plusSeconds(150), Optional.empty());

        assertThat(found(store, "quarterly close")).as("the reason before").isEmpty();
        assertThat(found(store, "freeze WINDOW")).containsExactly("run_20240317_080003_c0ffee000001");
        assertThat(found(store, "vm-7")).as("a crash's reason").containsExactly("run_20240317_080004_c0ffee000002");
        assertThat(found(store, "connection reset"))
                .as("a run ended once keeps its first end")
                .containsExactly(METRICS);
        assertThat(found(store, "reports"))
                .as("a pipeline first seen")
                .containsExactly("run_20240317_080003_c0ffee000001");
    }

    /**
     * A text is looked up in the search index, not in every run: with the index emptied behind the store's back a
     * rare text finds nothing, and the migration's backfill makes it again from the runs. A purge takes its runs
     * out of it.
     */
    @OnEveryDatabase
    void aTextSearchReadsTheIndexTheMigrationFillsAndAPurgeEmpties(TestDatabase database) throws Exception {
        Database db = database.open();
        JdbiRunStore store = twoRealRuns(db);
        db.jdbi().useHandle(handle -> {
            handle.execute("UPDATE runs SET id_suffix = NULL");
            handle.execute("DELETE FROM run_pipelines");
            handle.execute("DELETE FROM run_reasons");
            handle.execute("UPDATE runs SET reason_hash = NULL");
        });
        assertThat(found(store, "a3f2c1")).as("read from the index").isEmpty();
        assertThat(found(store, "sales")).isEmpty();
        assertThat(found(store, "connection reset")).isEmpty();

        db.jdbi()
                .useHandle(handle ->
                        dev.orchestrator.agent.store.jdbi.migration.V15__Run_search.fill(handle.getConnection()));

        assertThat(found(store, "a3f2c1")).containsExactly(SALES);
        assertThat(found(store, "20240316_07")).containsExactly(METRICS);
        assertThat(found(store, "SALES")).containsExactly(SALES);
        assertThat(found(store, "connection reset")).containsExactly(METRICS);
        store.finishRun(
                SALES,
                RunState.FAILED,
                NOW.plusSeconds(5),
                Optional.of("failed tasks: load (Connection reset by peer)"));
        assertThat(found(store, "connection reset"))
                .as("a reason the backfill put in the dictionary, again")
                .containsExactly(METRICS, SALES);

        assertThat(store.purgeFinishedBefore(NOW.plus(java.time.Duration.ofDays(1))))
                .hasSize(2);
        assertThat(found(store, "run_")).isEmpty();
    }

    /** A run of pipeline "pipeline" created at the given instant, queued, with a reason or none. */
    private static RunRecord withReason(String runId, Instant created, Optional<String> reason) {
        return withReason(runId, "a", created, reason);
    }

    private static RunRecord withReason(String runId, String agentId, Instant created, Optional<String> reason) {
        RunRecord run = run(runId, agentId, created);
        return new RunRecord(
                runId,
                run.pipelineId(),
                run.status(),
                run.trigger(),
                run.logicalTime(),
                run.params(),
                created,
                Optional.empty(),
                Optional.empty(),
                reason,
                Optional.empty(),
                0,
                agentId);
    }

    private static List<String> firstPage(JdbiRunStore store, String text, int size) {
        Page<RunRecord> page = store.findRuns(new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(text), 1, size));
        assertThat(page.total()).as("total of q=%s, capped", text).isEqualTo(HistorySearch.COUNT_LIMIT + 1);
        return page.items().stream().map(RunRecord::runId).toList();
    }

    /**
     * A reason found in more than 1,000 runs, all old: its page is read newest first from the reason's newest run,
     * which the reason dictionary keeps (raised by every path that sets a reason, made again by the migration's
     * backfill), not from the newest run of all. A newer run with the reason moves it: that run is found first.
     */
    @OnEveryDatabase
    void aCommonReasonWhoseRunsAreAllOldIsReadFromItsNewestRun(TestDatabase database) throws Exception {
        Database db = database.open();
        JdbiRunStore store = store(db);
        Instant old = NOW.minus(java.time.Duration.ofDays(30));
        List<RunLifecycle.NewRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            runs.add(new RunLifecycle.NewRun(
                    withReason(
                            String.format("run_old_%04d", i),
                            old.plusSeconds(i),
                            Optional.of("failed tasks: load (legacy schema drift)")),
                    List.of("t")));
        }
        for (int i = 0; i < 200; i++) {
            runs.add(new RunLifecycle.NewRun(
                    withReason(
                            String.format("run_new_%04d", i),
                            NOW.plusSeconds(i),
                            i % 2 == 0 ? Optional.empty() : Optional.of("failed tasks: load (Connection reset)")),
                    List.of("t")));
        }
        store.insertRuns(runs);

        assertThat(firstPage(store, "legacy SCHEMA", 3))
                .as("newest first")
                .containsExactly("run_old_1099", "run_old_1098", "run_old_1097");
        assertThat(db.jdbi()
                        .<Instant, RuntimeException>withHandle(handle -> handle.createQuery(
                                        "SELECT newest_at FROM run_reasons WHERE reason LIKE '%legacy schema%'")
                                .mapTo(java.time.OffsetDateTime.class)
                                .one()
                                .toInstant()))
                .as("the reason's newest run, in its dictionary")
                .isEqualTo(old.plusSeconds(1_099));

        // the bound is read: set back behind the store's back, the page starts there; the backfill makes it again
        db.jdbi()
                .useHandle(handle -> handle.createUpdate("UPDATE run_reasons SET newest_at = :at")
                        .bind("at", old.plusSeconds(1_050).atOffset(java.time.ZoneOffset.UTC))
                        .execute());
        assertThat(firstPage(store, "legacy schema", 2)).containsExactly("run_old_1050", "run_old_1049");
        db.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM run_pipelines");
            handle.execute("DELETE FROM run_reasons");
            handle.execute("UPDATE runs SET reason_hash = NULL");
            dev.orchestrator.agent.store.jdbi.migration.V15__Run_search.fill(handle.getConnection());
        });
        assertThat(firstPage(store, "legacy schema", 2))
                .as("backfilled")
                .containsExactly("run_old_1099", "run_old_1098");

        // a newer run given the reason at its end, then one created with it: each is found first
        store.finishRun(
                "run_new_0100",
                RunState.FAILED,
                NOW.plusSeconds(300),
                Optional.of("failed tasks: load (legacy schema drift)"));
        assertThat(firstPage(store, "legacy schema", 2))
                .as("raised by an end")
                .containsExactly("run_new_0100", "run_old_1099");
        store.insertRun(
                withReason("run_new_9999", NOW.plusSeconds(400), Optional.of("queued: legacy schema drift")),
                List.of("t"));
        assertThat(firstPage(store, "legacy schema", 3))
                .as("raised by an insert")
                .containsExactly("run_new_9999", "run_new_0100", "run_old_1099");
        // a crash's reason: a common one, all old, then a newer run crashed with it
        List<RunLifecycle.NewRun> crashed = new java.util.ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            crashed.add(new RunLifecycle.NewRun(
                    withReason(
                            String.format("run_vm7_%04d", i),
                            "b",
                            old.plusSeconds(i),
                            Optional.of("agent b (vm-7) stopped")),
                    List.of("t")));
        }
        store.insertRuns(crashed);
        store.insertRun(withReason("run_new_crash", "b", NOW.plusSeconds(500), Optional.empty()), List.of("t"));
        store.markUnfinishedCrashed("b", "agent b (vm-7) stopped", NOW.plusSeconds(600));
        assertThat(firstPage(store, "(vm-7)", 2))
                .as("raised by a crash")
                .containsExactly("run_new_crash", "run_vm7_1000");
    }

    /** A database upgraded with its runs in it: Flyway's V15 indexes them, and the search finds them. */
    @OnEveryDatabase
    void aDatabaseUpgradedWithItsRunsFindsThemByText(TestDatabase database) throws Exception {
        boolean h2 = database.kind() == TestDatabase.Kind.H2;
        java.nio.file.Path directory = h2 ? java.nio.file.Files.createTempDirectory("h2-upgrade") : null;
        String url = h2
                ? "jdbc:h2:file:" + directory.resolve("orchestrator") + ";DB_CLOSE_ON_EXIT=FALSE"
                : SharedPostgres.newEmptyDatabaseUrl();
        String user = h2 ? "sa" : null;
        String password = h2 ? "" : null;
        org.flywaydb.core.Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:dev/orchestrator/agent/store/jdbi/migration")
                .target("14")
                .load()
                .migrate();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
                java.sql.Statement statement = connection.createStatement()) {
            for (String[] run : new String[][] {
                {SALES, "nightly_Sales_load", "NULL", "10:00"},
                {METRICS, "hourly-metrics", "'failed tasks: load (Connection reset by peer)'", "10:01"}
            }) {
                String created = run[0].equals(SALES) ? "2024-03-15 06:00:01" : "2024-03-16 07:00:02";
                statement.execute("INSERT INTO runs (run_id, pipeline_id, status, trigger_kind, logical_time,"
                        + " time_zone, params, created_at, reason, agent_id) VALUES ('" + run[0] + "', '" + run[1]
                        + "', 'success', 'manual', TIMESTAMP WITH TIME ZONE '2026-03-01 " + run[3] + ":00+00',"
                        + " 'UTC', '{}', TIMESTAMP WITH TIME ZONE '" + created + "+00', " + run[2]
                        + ", 'a')");
            }
        }
        try (Database upgraded = Database.open(url, user, password)) {
            JdbiRunStore store = store(upgraded);

            assertThat(found(store, "a3f2c1")).containsExactly(SALES);
            assertThat(found(store, "20240315_060001")).containsExactly(SALES);
            assertThat(found(store, "run_")).containsExactly(METRICS, SALES);
            assertThat(found(store, "sales")).containsExactly(SALES);
            assertThat(found(store, "connection reset")).containsExactly(METRICS);
            assertThat(found(store, "no such thing")).isEmpty();
        }
    }

    @OnEveryDatabase
    void marksOnlyThisAgentsUnfinishedRunsAsCrashed(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("mine_running", "a", NOW), List.of("t"));
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
        assertThat(detail.tasks().get(0).attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.status()).isEqualTo(TaskState.CRASHED));
        assertThat(store.findRun("mine_done").orElseThrow().run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(store.findRun("other_agents").orElseThrow().run().status()).isEqualTo(RunState.QUEUED);
        assertThat(store.markUnfinishedCrashed("a", "again", NOW.plusSeconds(6)))
                .as("nothing left")
                .isZero();
    }

    @OnEveryDatabase
    void tasksThatNeverStartedInACrashedRunAreSkippedWithTheReason(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("crashing", "a", NOW), List.of("started", "never"));
        store.markRunStarted("crashing", NOW);
        store.startAttempt("crashing", "started", 1, NOW);

        store.markUnfinishedCrashed("a", "agent died", NOW.plusSeconds(5));

        RunDetail detail = store.findRun("crashing").orElseThrow();
        assertThat(detail.task("started").orElseThrow().status()).isEqualTo(TaskState.CRASHED);
        assertThat(detail.task("never").orElseThrow()).satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskState.SKIPPED);
            assertThat(task.reason()).contains("not started: the run crashed (agent died)");
            assertThat(task.attempts()).isEmpty();
        });
    }

    @OnEveryDatabase
    void aRunMarkedCrashedStaysCrashedWhenItsOwnersLateWritesArrive(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("taken_for_dead", "a", NOW), List.of("done", "waits", "later", "never"));
        store.markRunStarted("taken_for_dead", NOW);
        store.startAttempt("taken_for_dead", "done", 1, NOW);
        store.startAttempt("taken_for_dead", "waits", 1, NOW, TaskState.WAITING, Optional.of("an event"));
        assertThat(store.markUnfinishedCrashed("a", "agent a stopped", NOW.plusSeconds(20)))
                .isEqualTo(1);

        // agent a was alive all along (the database was out of its reach): its writes arrive late
        assertThat(store.finishAttempt(new AttemptOutcome(
                        "taken_for_dead",
                        "done",
                        1,
                        TaskState.SUCCESS,
                        TaskState.SUCCESS,
                        NOW,
                        NOW.plusSeconds(21),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new StoredOutput(Optional.of("42"), Optional.empty(), 2)),
                        List.of(LogLine.of(
                                "taken_for_dead", "done", 1, "INFO", NOW.plusSeconds(21), "done after all")))))
                .isFalse();
        store.switchAttempt("taken_for_dead", "waits", 1, TaskState.RUNNING, Optional.empty());
        assertThat(store.startAttempt("taken_for_dead", "later", 1, NOW.plusSeconds(22)))
                .isFalse();
        store.finishTasksWithoutRunning(
                "taken_for_dead", List.of("never"), TaskState.SKIPPED, NOW.plusSeconds(23), Optional.of("not started"));
        assertThat(store.finishRun("taken_for_dead", RunState.SUCCESS, NOW.plusSeconds(24), Optional.empty()))
                .as("a late end is refused")
                .isFalse();

        RunDetail detail = store.findRun("taken_for_dead").orElseThrow();
        assertThat(detail.run().status()).isEqualTo(RunState.CRASHED);
        assertThat(detail.run().reason()).contains("agent a stopped");
        assertThat(detail.run().finishedAt()).contains(NOW.plusSeconds(20));
        // what had started crashed with the run; what had not is skipped, saying why
        assertThat(detail.tasks())
                .extracting(TaskRunRecord::status)
                .containsExactly(TaskState.CRASHED, TaskState.CRASHED, TaskState.SKIPPED, TaskState.SKIPPED);
        assertThat(detail.tasks()).extracting(TaskRunRecord::finishedAt).containsOnly(Optional.of(NOW.plusSeconds(20)));
        assertThat(detail.tasks().get(0).attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.status()).isEqualTo(TaskState.CRASHED));
        assertThat(detail.tasks().get(1).attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.status()).isEqualTo(TaskState.CRASHED));
        assertThat(detail.tasks().get(2).attempts())
                .as("no attempt starts in a crashed run")
                .isEmpty();
        assertThat(store.findLogs("taken_for_dead", Optional.empty(), 0, 10))
                .as("its lines are kept")
                .extracting(LogLine::message)
                .containsExactly("done after all");
    }

    @OnEveryDatabase
    void aFinishedRunKeepsItsFirstEnd(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("r1", "a", NOW), List.of("t"));
        store.markRunStarted("r1", NOW);
        assertThat(store.finishRun("r1", RunState.SUCCESS, NOW.plusSeconds(1), Optional.empty()))
                .isTrue();

        assertThat(store.finishRun("r1", RunState.CANCELLED, NOW.plusSeconds(2), Optional.of("cancelled too late")))
                .isFalse();
        store.crashRun("r1", "crashed too late", NOW.plusSeconds(3));

        RunRecord run = store.findRun("r1").orElseThrow().run();
        assertThat(run.status()).isEqualTo(RunState.SUCCESS);
        assertThat(run.finishedAt()).contains(NOW.plusSeconds(1));
        assertThat(run.reason()).isEmpty();
    }

    @OnEveryDatabase
    void keepsTheProcessGroupsOfRunningAttemptsUntilTheyEndOrAreMarkedCrashed(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("crashing", "a", NOW), List.of("t", "u"));
        store.markRunStarted("crashing", NOW);
        store.startAttempt("crashing", "t", 1, NOW);
        store.startAttempt("crashing", "u", 1, NOW);
        store.recordProcessGroup(new TaskProcessGroup("crashing", "t", 1, 4_000_001L, 77L));
        store.recordProcessGroup(new TaskProcessGroup("crashing", "u", 1, 4_000_002L, 78L));
        store.insertRun(run("other_agents", "b", NOW), List.of("t"));
        store.markRunStarted("other_agents", NOW);
        store.startAttempt("other_agents", "t", 1, NOW);
        store.recordProcessGroup(new TaskProcessGroup("other_agents", "t", 1, 4_000_003L, 79L));

        store.finishAttempt(new AttemptOutcome(
                "crashing",
                "u",
                1,
                TaskState.SUCCESS,
                TaskState.SUCCESS,
                NOW,
                NOW.plusSeconds(1),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of()));

        assertThat(store.findProcessGroupsOfUnfinishedRuns("a"))
                .as("the ended attempt's group is gone")
                .containsExactly(new TaskProcessGroup("crashing", "t", 1, 4_000_001L, 77L));
        store.markUnfinishedCrashed("a", "agent died", NOW.plusSeconds(5));
        assertThat(store.findProcessGroupsOfUnfinishedRuns("a")).isEmpty();
        assertThat(store.findProcessGroupsOfUnfinishedRuns("b"))
                .extracting(TaskProcessGroup::groupId)
                .containsExactly(4_000_003L);
    }

    @OnEveryDatabase
    void purgesFinishedRunsOlderThanTheCutoffWithEverythingThatBelongsToThem(TestDatabase database) {
        JdbiRunStore store = store(database.open());
        store.insertRun(run("old", "a", NOW.minusSeconds(86_400 * 40)), List.of("t"));
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

    @OnEveryDatabase
    void aRunSurvivesClosingAndReopeningTheDatabase(TestDatabase database) {
        Database first = database.open();
        store(first).insertRun(run("durable", "a", NOW), List.of("t"));
        first.close();

        assertThat(store(database.open()).findRun("durable")).isPresent();
    }

    @OnEveryDatabase
    void insertsAScheduledRunOnlyWhileItsFireIsStillHeldByThisAgent(TestDatabase database) {
        Database opened = database.open();
        JdbiRunStore store = store(opened);
        JdbiPipelineStateStore fires = new JdbiPipelineStateStore(opened);
        Instant fireTime = NOW;
        Instant takenOver = NOW.plusSeconds(1);
        Instant neverClaimed = NOW.plusSeconds(2);
        assertThat(fires.claimFire("pipeline", fireTime, "a", NOW)).isTrue();
        assertThat(fires.claimFire("pipeline", takenOver, "a", NOW)).isTrue();
        assertThat(fires.takeOverFires("a", "b", NOW)).hasSize(2);
        assertThat(fires.claimFire("pipeline", fireTime.plusSeconds(10), "a", NOW))
                .isTrue();

        var inserted = store.insertScheduledRuns(
                "a",
                List.of(
                        new RunLifecycle.NewRun(run("taken_over", "a", takenOver, TriggerKind.SCHEDULE), List.of("t")),
                        new RunLifecycle.NewRun(
                                run("never_claimed", "a", neverClaimed, TriggerKind.SCHEDULE), List.of("t")),
                        new RunLifecycle.NewRun(
                                run("held", "a", fireTime.plusSeconds(10), TriggerKind.SCHEDULE), List.of("t"))));

        assertThat(inserted).containsExactly("held");
        assertThat(store.findRun("held")).isPresent();
        assertThat(store.findRun("taken_over")).isEmpty();
        assertThat(store.findRun("never_claimed")).isEmpty();
        assertThat(store.insertScheduledRuns(
                        "a",
                        List.of(new RunLifecycle.NewRun(
                                run("held_again", "a", fireTime.plusSeconds(10), TriggerKind.SCHEDULE), List.of("t")))))
                .as("a settled fire makes no second run")
                .isEmpty();
    }

    @OnEveryDatabase
    void aScheduledRunHandedToAnotherAgentIsTakenOnceByItOrHandedOnAndNeverMarkedCrashedUntaken(TestDatabase database) {
        Database opened = database.open();
        JdbiRunStore store = store(opened);
        JdbiPipelineStateStore fires = new JdbiPipelineStateStore(opened);
        var heartbeats = new dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore(opened);
        for (String agentId : List.of("a", "b", "c")) {
            heartbeats.beat(new HeartbeatStore.AgentPresence(agentId, "host", 1, Optional.empty(), "test", NOW));
        }
        for (int second = 0; second < 3; second++) {
            assertThat(fires.claimFire("pipeline", NOW.plusSeconds(second), "a", NOW))
                    .isTrue();
        }

        var inserted = store.insertScheduledRuns(
                "a",
                List.of(
                        new RunLifecycle.NewRun(run("run_here", "a", NOW, TriggerKind.SCHEDULE), List.of("t")),
                        new RunLifecycle.NewRun(
                                run("for_b", "b", NOW.plusSeconds(1), TriggerKind.SCHEDULE), List.of("t")),
                        new RunLifecycle.NewRun(
                                run("for_c", "c", NOW.plusSeconds(2), TriggerKind.SCHEDULE), List.of("t"))));

        assertThat(inserted).containsExactly("run_here", "for_b", "for_c");
        assertThat(store.countUnfinished("pipeline")).isEqualTo(3);
        assertThat(store.findRun("for_b").orElseThrow().run().agentId()).isEqualTo("b");
        assertThat(store.takeHandedOverRuns("a"))
                .as("the agent that fired runs its own at once")
                .isEmpty();
        assertThat(store.markUnfinishedCrashed("b", "b restarted", NOW))
                .as("b started none of them")
                .isZero();
        assertThat(store.takeHandedOverRuns("b")).containsExactly("for_b");
        assertThat(store.takeHandedOverRuns("b")).as("taken once").isEmpty();

        assertThat(store.handOnUntakenRuns("c", "b"))
                .as("c found dead before taking its run")
                .isEqualTo(1);
        assertThat(store.takeHandedOverRuns("c")).isEmpty();
        assertThat(store.findRun("for_c").orElseThrow().run().agentId()).isEqualTo("b");
        assertThat(store.takeHandedOverRuns("b")).containsExactly("for_c");
        assertThat(store.markUnfinishedCrashed("b", "b stopped", NOW))
                .as("taken runs are b's own now")
                .isEqualTo(2);
        assertThat(store.countUnfinished("pipeline")).isEqualTo(1);
    }
}
