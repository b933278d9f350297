package dev.orchestrator.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHistorySearch;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The log search, export and dashboard figures, on H2 and on PostgreSQL: the same text finds the same entries on
 * both (lines by their words and word beginnings, errors by any piece, any case, pattern characters literal).
 */
class JdbiHistorySearchTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private Database database;
    private JdbiRunStore store;
    private JdbiHistorySearch search;

    private void open(TestDatabase testDatabase) {
        database = testDatabase.open();
        store = new JdbiRunStore(database, JsonMapper.create());
        search = new JdbiHistorySearch(database, JsonMapper.create());
        run("orders_1", "orders", NOW, RunState.SUCCESS);
        store.appendLogs(List.of(
                LogLine.of("orders_1", "fetch", 1, "INFO", NOW.plusSeconds(1), "Fetched 42 rows from ORDERS"),
                LogLine.of("orders_1", "fetch", 1, "WARN", NOW.plusSeconds(2), "disk 95% full_ish"),
                LogLine.of("orders_1", "load", 1, "INFO", NOW.plusSeconds(3), "loaded into warehouse")));
        run("billing_1", "billing", NOW.plusSeconds(10), RunState.FAILED);
        store.startAttempt("billing_1", "call", 1, NOW.plusSeconds(11));
        store.finishAttempt(new AttemptOutcome(
                "billing_1",
                "call",
                1,
                TaskState.FAILED,
                TaskState.FAILED,
                NOW.plusSeconds(11),
                NOW.plusSeconds(12),
                Optional.of("java.net.SocketTimeoutException"),
                Optional.of("Read timed out after 30 s"),
                Optional.of("java.net.SocketTimeoutException: Read timed out\n\tat Billing.call(Billing.java:77)"),
                Optional.empty(),
                List.of(LogLine.of("billing_1", "call", 1, "INFO", NOW.plusSeconds(11), "calling billing"))));
    }

    private void run(String runId, String pipelineId, Instant at, RunState end) {
        store.insertRun(
                new RunRecord(
                        runId,
                        pipelineId,
                        RunState.QUEUED,
                        TriggerKind.MANUAL,
                        at.atZone(ZoneOffset.UTC),
                        Map.of(),
                        at,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("fetch", "load", "call"));
        store.markRunStarted(runId, at);
        store.finishRun(runId, end, at.plusSeconds(5), Optional.empty());
    }

    private List<String> messages(String text) {
        return search
                .findLogEntries(
                        new LogQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(text),
                                Optional.empty()),
                        1,
                        50)
                .items()
                .stream()
                .map(LogEntry::message)
                .toList();
    }

    @OnEveryDatabase
    void findsALineByItsWordsAndWordBeginningsInAnyCase(TestDatabase testDatabase) {
        open(testDatabase);

        assertThat(messages("fetched 42")).containsExactly("Fetched 42 rows from ORDERS");
        assertThat(messages("orders")).containsExactly("Fetched 42 rows from ORDERS");
        assertThat(messages("ware")).containsExactly("loaded into warehouse");
        assertThat(messages("ehouse"))
                .as("a piece from the middle of a word, in a log line")
                .isEmpty();
        assertThat(messages("nothing like this")).isEmpty();
    }

    @OnEveryDatabase
    void aRunWithAnIdInEveryLineIndexesABoundedNumberOfWordsAndIsStillFoundByAnyOfThem(TestDatabase testDatabase) {
        open(testDatabase);
        run("chatty_1", "chatty", NOW.plusSeconds(20), RunState.SUCCESS);
        for (int batch = 0; batch < 15; batch++) {
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                lines.add(LogLine.of(
                        "chatty_1",
                        "fetch",
                        1,
                        "INFO",
                        NOW.plusSeconds(21),
                        "handled request req" + Integer.toHexString(0x100000 + batch * 1_000 + i)));
            }
            store.appendLogs(lines);
        }

        long indexed = database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM run_terms WHERE run_id = 'chatty_1'")
                        .mapTo(Long.class)
                        .one());
        assertThat(indexed).as("words indexed for the run").isLessThanOrEqualTo(10_001);
        assertThat(messages("req" + Integer.toHexString(0x100000 + 14_999)))
                .containsExactly("handled request req" + Integer.toHexString(0x100000 + 14_999));
        assertThat(messages("req" + Integer.toHexString(0x100000)))
                .as("a word indexed before the bound")
                .containsExactly("handled request req" + Integer.toHexString(0x100000));
        assertThat(messages("warehouse"))
                .as("other runs are still found by their words")
                .containsExactly("loaded into warehouse");
    }

    @OnEveryDatabase
    void findsErrorsByTheirTypeMessageOrStackTraceEvenInsideAWord(TestDatabase testDatabase) {
        open(testDatabase);

        String error = "java.net.SocketTimeoutException: Read timed out after 30 s";
        assertThat(messages("timeout")).as("inside the class name").containsExactly(error);
        assertThat(messages("TIMED OUT")).containsExactly(error);
        assertThat(messages("Billing.java:77")).as("in the stack trace only").containsExactly(error);
    }

    @OnEveryDatabase
    void takesPatternCharactersLiterally(TestDatabase testDatabase) {
        open(testDatabase);

        assertThat(messages("95% full_")).containsExactly("disk 95% full_ish");
        assertThat(messages("9_%")).isEmpty();
        assertThat(messages("%")).containsExactly("disk 95% full_ish");
    }

    @OnEveryDatabase
    void filtersByPipelineLevelStateAndTimeAndPagesNewestFirst(TestDatabase testDatabase) {
        open(testDatabase);

        Page<LogEntry> errors = search.findLogEntries(
                new LogQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("error")),
                1,
                10);
        Page<LogEntry> ordersPage2 = search.findLogEntries(
                new LogQuery(
                        Optional.of("orders"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                2,
                2);
        Page<LogEntry> failedRuns = search.findLogEntries(
                new LogQuery(
                        Optional.empty(),
                        Optional.of(RunState.FAILED),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                1,
                10);
        Page<LogEntry> window = search.findLogEntries(
                new LogQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(NOW.plusSeconds(2)),
                        Optional.of(NOW.plusSeconds(3)),
                        Optional.empty(),
                        Optional.empty()),
                1,
                10);

        assertThat(errors.items()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo("error");
            assertThat(entry.stackTrace().orElseThrow()).contains("Billing.java:77");
        });
        assertThat(ordersPage2.total()).isEqualTo(3);
        assertThat(ordersPage2.items()).extracting(LogEntry::message).containsExactly("Fetched 42 rows from ORDERS");
        assertThat(failedRuns.items())
                .extracting(LogEntry::runId)
                .containsOnly("billing_1")
                .hasSize(2);
        assertThat(window.items()).extracting(LogEntry::message).containsExactly("disk 95% full_ish");
    }

    @OnEveryDatabase
    void streamsEveryMatchAndEveryRunNewestFirst(TestDatabase testDatabase) {
        open(testDatabase);
        List<String> entries = new ArrayList<>();
        List<String> runs = new ArrayList<>();

        search.streamLogEntries(LogQuery.all(), entry -> entries.add(entry.message()));
        search.streamRuns(RunQuery.all(1, 1), run -> runs.add(run.runId()));

        assertThat(entries).hasSize(5).startsWith("java.net.SocketTimeoutException: Read timed out after 30 s");
        assertThat(runs).containsExactly("billing_1", "orders_1");
    }

    @OnEveryDatabase
    void countsRunsForTheDashboard(TestDatabase testDatabase) {
        open(testDatabase);

        RunStatistics statistics =
                search.statistics(NOW.minusSeconds(3_600), NOW.plusSeconds(3_600), Optional.empty(), 10);

        assertThat(statistics.total()).isEqualTo(2);
        assertThat(statistics.byStatus()).containsEntry(RunState.SUCCESS, 1L).containsEntry(RunState.FAILED, 1L);
        assertThat(statistics.averageDuration()).contains(5_000L);
        assertThat(statistics.failingPipelines())
                .extracting(RunStatistics.FinishedRun::pipelineId)
                .containsExactly("billing");
        assertThat(statistics.runsPerHour())
                .extracting(RunStatistics.HourCount::runs)
                .containsExactly(0L, 2L);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onPostgresTheSearchOfErrorsIsAnsweredFromTrigramIndexes() {
        try (TestDatabase postgres = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
            open(postgres);
            assertThat(plan())
                    .contains("attempts_error_message_text", "attempts_error_type_text", "attempts_stack_trace_text");
        }
    }

    /** The plan of the search of errors, for a bound pattern as the search sends it. */
    private String plan() {
        return database.jdbi().inTransaction(handle -> {
            handle.execute("SET LOCAL enable_seqscan = off"); // the tables are tiny: ask which index can answer
            return String.join(
                    "\n",
                    handle.createQuery("EXPLAIN SELECT number FROM attempts WHERE "
                                    + "error_type IS NOT NULL AND (LOWER(error_message) LIKE :text OR LOWER(error_type) LIKE :text"
                                    + " OR LOWER(stack_trace) LIKE :text)")
                            .bind("text", "%timed out%")
                            .mapTo(String.class)
                            .list());
        });
    }
}
