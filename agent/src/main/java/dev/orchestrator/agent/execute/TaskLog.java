package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunLogs;
import dev.orchestrator.connector.TaskLogger;
import dev.orchestrator.secret.SecretMasker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * One attempt's log: lines are masked as they arrive and buffered, then written in batches, by the periodic
 * flush while the attempt runs and in the same transaction as the attempt's end. Within its {@link LogBudget}:
 * the first half of the budget is buffered and written as it comes; past it, the lines go to a ring that keeps
 * the last half, written when the attempt ends, after a line saying what was dropped if the ring overflowed.
 * So an attempt holds at most its budget in memory, whatever its code prints, for every connector. Thread-safe.
 */
final class TaskLog implements TaskLogger {

    private final String runId;
    private final String taskId;
    private final int attempt;
    private final SecretMasker masker;
    private final Clock clock;
    private final LogBudget budget;
    private List<LogLine> buffered = new ArrayList<>();
    /** Lines and bytes let through to the head, written as they come. */
    private long headLines;

    private long headBytes;
    /** Past the head: the last lines, held until the attempt ends. */
    private boolean holding;

    private final ArrayDeque<LogLine> tail = new ArrayDeque<>();
    private long tailBytes;
    private long droppedLines;
    private long droppedBytes;
    /** Where the whole log goes, gzipped, when asked; empty once writing it failed. */
    private Optional<Path> wholeLogFile;

    private Writer wholeLog;

    TaskLog(String runId, String taskId, int attempt, SecretMasker masker, Clock clock, LogBudget budget) {
        this(runId, taskId, attempt, masker, clock, budget, Optional.empty());
    }

    /** @param wholeLogFile where to write the whole log too, gzipped */
    TaskLog(
            String runId,
            String taskId,
            int attempt,
            SecretMasker masker,
            Clock clock,
            LogBudget budget,
            Optional<Path> wholeLogFile) {
        this.runId = runId;
        this.taskId = taskId;
        this.attempt = attempt;
        this.masker = masker;
        this.clock = clock;
        this.budget = budget;
        this.wholeLogFile = wholeLogFile;
    }

    @Override
    public void info(String message) {
        add("INFO", message);
    }

    @Override
    public void warn(String message) {
        add("WARN", message);
    }

    @Override
    public void error(String message) {
        add("ERROR", message);
    }

    private synchronized void add(String level, String message) {
        LogLine line = LogLine.of(runId, taskId, attempt, level, clock.instant(), masker.mask(String.valueOf(message)));
        long bytes = utf8Length(line.message());
        keepWhole(line);
        if (!holding && headLines < budget.headLines() && headBytes + bytes <= budget.headBytes()) {
            buffered.add(line);
            headLines++;
            headBytes += bytes;
            return;
        }
        holding = true; // a log within its budget loses nothing: these are written at the end all the same
        tail.addLast(line);
        tailBytes += bytes;
        while (tail.size() > budget.tailLines() || tailBytes > budget.tailBytes()) {
            long evicted = utf8Length(tail.removeFirst().message());
            tailBytes -= evicted;
            if (droppedLines++ == 0) {
                buffered.add(notice(String.format(
                        Locale.ROOT,
                        "log budget of %,d lines or %s per attempt reached "
                                + "after %,d lines (%s): from here on only the last %,d lines (%s) of this attempt are kept, "
                                + "written when it ends",
                        budget.lines(),
                        size(budget.bytes()),
                        headLines,
                        size(headBytes),
                        budget.tailLines(),
                        size(budget.tailBytes()))));
            }
            droppedBytes += evicted;
        }
    }

    /** Takes the buffered lines, to be written while the attempt goes on. */
    synchronized List<LogLine> drain() {
        List<LogLine> lines = buffered;
        buffered = new ArrayList<>();
        return lines;
    }

    /**
     * Takes the buffered lines and, past the budget, the line saying what was dropped and the kept last lines:
     * for the attempt's final transaction.
     */
    synchronized List<LogLine> drainLast() {
        closeWholeLog();
        Optional<Path> whole = wholeLogFile;
        wholeLogFile = Optional.empty(); // a line logged after the end must not open the file again, emptied
        List<LogLine> lines = drain();
        if (droppedLines > 0) {
            lines.add(notice(String.format(
                    Locale.ROOT,
                    "… %,d lines (%s) dropped by the log budget of %,d lines "
                            + "or %s per attempt: the first %,d lines and the last %,d are kept; %s",
                    droppedLines,
                    size(droppedBytes),
                    budget.lines(),
                    size(budget.bytes()),
                    headLines,
                    tail.size(),
                    whole.map(file -> "the whole log is in " + file)
                            .orElse("raise the task's log_budget "
                                    + "(lines, mb) or the agent's --log-budget-lines, --log-budget-mb to keep more, or keep "
                                    + "whole logs with keep_whole or --log-keep-whole"))));
            droppedLines = 0;
            droppedBytes = 0;
        }
        lines.addAll(tail);
        tail.clear();
        tailBytes = 0;
        return lines;
    }

    /**
     * Writes the buffered lines now and tells the observer. Holding the lock through both keeps the lines of
     * one attempt in order, also against the lines its end drains: those are told after these.
     */
    synchronized void flushTo(RunLogs store, RunObserver observer) {
        List<LogLine> lines = drain();
        if (lines.isEmpty()) {
            return;
        }
        try {
            store.appendLogs(lines);
        } catch (RuntimeException e) {
            lines.addAll(buffered); // back in front, in order: the attempt's end writes them
            buffered = lines;
            throw e;
        }
        observer.logged(lines);
    }

    /** Appends the line to the whole log, when asked; a failure to write it is said once in the log itself. */
    private void keepWhole(LogLine line) {
        if (wholeLogFile.isEmpty()) {
            return;
        }
        try {
            if (wholeLog == null) {
                Files.createDirectories(wholeLogFile.get().getParent());
                wholeLog = new BufferedWriter(
                        new OutputStreamWriter(
                                new GZIPOutputStream(Files.newOutputStream(wholeLogFile.get()), 64 * 1024),
                                StandardCharsets.UTF_8),
                        64 * 1024);
            }
            wholeLog.write(line.loggedAt() + " " + line.level() + " " + line.message() + "\n");
        } catch (IOException e) {
            buffered.add(notice("the whole log cannot be written to " + wholeLogFile.get() + " (" + e.getMessage()
                    + "): only the log budget's lines are kept"));
            closeWholeLog();
            wholeLogFile = Optional.empty();
        }
    }

    private void closeWholeLog() {
        if (wholeLog == null) {
            return;
        }
        try {
            wholeLog.close();
        } catch (IOException e) {
            buffered.add(
                    notice("the whole log in " + wholeLogFile.orElse(null) + " may be cut short: " + e.getMessage()));
        }
        wholeLog = null;
    }

    private LogLine notice(String message) {
        return LogLine.of(runId, taskId, attempt, "WARN", clock.instant(), message);
    }

    /** Bytes as a person reads them: {@code 812 bytes}, {@code 183.2 MB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
