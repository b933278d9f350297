package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page of a long log reads its page, not the log: H2's plan for the page query of a run of 20,000 lines reads
 * rows in index order and stops at the limit (no sort of all lines), whatever page is asked for.
 */
class LogPageQueryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private Database database;

    @BeforeEach
    void storeALongLog() {
        database = Database.inMemory("log-page-" + UUID.randomUUID());
        JdbiRunStore store = new JdbiRunStore(database, JsonMapper.create());
        store.insertRun(
                new RunRecord(
                        "r1",
                        "pipeline",
                        RunState.RUNNING,
                        TriggerKind.MANUAL,
                        NOW.atZone(ZoneOffset.UTC),
                        Map.of(),
                        NOW,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        "a"),
                List.of("chatty", "quiet"));
        for (int batch = 0; batch < 20; batch++) {
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                lines.add(LogLine.of("r1", i % 10 == 0 ? "quiet" : "chatty", 1, "INFO", NOW, "line " + i));
            }
            store.appendLogs(lines);
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void thePageOfARunsLogIsReadInIndexOrderUpToItsLimit() {
        assertReadsOnlyThePage(plan(JdbiRunHistory.logPage(false), Map.of("runId", "r1", "after", 0L, "limit", 50)));
        assertReadsOnlyThePage(
                plan(JdbiRunHistory.logPage(false), Map.of("runId", "r1", "after", 10_000L, "limit", 50)));
    }

    @Test
    void thePageOfOneTasksLogIsReadInIndexOrderUpToItsLimit() {
        assertReadsOnlyThePage(
                plan(JdbiRunHistory.logPage(true), Map.of("runId", "r1", "taskId", "quiet", "after", 0L, "limit", 50)));
        assertReadsOnlyThePage(plan(
                JdbiRunHistory.logPage(true), Map.of("runId", "r1", "taskId", "chatty", "after", 0L, "limit", 50)));
    }

    private String plan(String sql, Map<String, Object> binds) {
        return database.jdbi()
                .withHandle(handle -> String.join(
                        "\n",
                        handle.createQuery("EXPLAIN ANALYZE " + sql)
                                .bindMap(binds)
                                .mapTo(String.class)
                                .list()));
    }

    private static void assertReadsOnlyThePage(String plan) {
        assertThat(plan).as("the plan").contains("/* index sorted */");
        Matcher scanned = SCAN_COUNT.matcher(plan);
        assertThat(scanned.find())
                .as("the plan counts the rows it read: " + plan)
                .isTrue();
        assertThat(Long.parseLong(scanned.group(1)))
                .as("rows read for a page of 50: " + plan)
                .isLessThanOrEqualTo(51);
    }
}
