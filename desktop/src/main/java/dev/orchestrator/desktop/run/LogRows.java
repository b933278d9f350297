package dev.orchestrator.desktop.run;

import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.format.Format;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A run's log as rows to show: each line with its level, and a separator row before the first line of each
 * attempt of a task, so that a retry's lines do not run on from the attempt before. Feeds lines one at a time
 * (the log tails); not thread-safe, used on the UI thread.
 */
final class LogRows {

    /** What a separator row has for its level. */
    static final String ATTEMPT = "attempt";

    /** One row: its text, and the level it is coloured by ({@link #ATTEMPT} for a separator). */
    record Row(String text, String level) {

        /** The style class of its level: {@code log-error}, {@code log-warn}, {@code log-attempt}… */
        String styleClass() {
            String lower = level == null ? "info" : level.toLowerCase(Locale.ROOT);
            return "log-" + (lower.equals("warning") ? "warn" : lower);
        }
    }

    private final ZoneId zone;
    private final LocalDate today;
    private final Set<String> attemptsSeen = new HashSet<>();

    LogRows(ZoneId zone, LocalDate today) {
        this.zone = zone;
        this.today = today;
    }

    /** The rows of {@code line}: the line, after a separator when it starts an attempt not seen yet. */
    List<Row> add(LogLine line) {
        List<Row> rows = new ArrayList<>(2);
        if (attemptsSeen.add(line.task() + "\u0000" + line.attempt())) {
            rows.add(new Row("──── " + line.task() + " · attempt " + line.attempt() + " ────", ATTEMPT));
        }
        rows.add(new Row(
                Format.time(line.time(), zone, today) + "  " + line.task() + "  " + line.level() + "  "
                        + line.message(),
                line.level()));
        return rows;
    }

    /** The rows of all {@code lines}, from the start. */
    static List<Row> of(List<LogLine> lines, ZoneId zone, LocalDate today) {
        LogRows rows = new LogRows(zone, today);
        List<Row> all = new ArrayList<>();
        lines.forEach(line -> all.addAll(rows.add(line)));
        return all;
    }
}
