package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.LogLine;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's log as the run detail shows it, without the toolkit. */
class LogRowsTest {

    private static LogLine line(String task, int attempt, String level, String message) {
        return new LogLine(0, task, attempt, level, OffsetDateTime.parse("2026-11-21T06:00:01Z"), message);
    }

    @Test
    void eachAttemptOfATaskStartsWithASeparatorAndEachLineKeepsItsLevel() {
        List<LogRows.Row> rows = LogRows.of(
                List.of(
                        line("fetch", 1, "INFO", "connecting"),
                        line("fetch", 1, "ERROR", "connection refused"),
                        line("fetch", 2, "WARN", "retrying"),
                        line("fetch", 2, "INFO", "done")),
                ZoneOffset.UTC,
                LocalDate.of(2026, 11, 21));

        assertThat(rows)
                .extracting(LogRows.Row::text)
                .containsExactly(
                        "──── fetch · attempt 1 ────",
                        "06:00:01  fetch  INFO  connecting",
                        "06:00:01  fetch  ERROR  connection refused",
                        "──── fetch · attempt 2 ────",
                        "06:00:01  fetch  WARN  retrying",
                        "06:00:01  fetch  INFO  done");
        assertThat(rows)
                .extracting(LogRows.Row::styleClass)
                .containsExactly("log-attempt", "log-info", "log-error", "log-attempt", "log-warn", "log-info");
    }
}
