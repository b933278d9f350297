package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.connector.TaskLogger;
import dev.orchestrator.secret.SecretMasker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt's log: lines are masked as they arrive and buffered, then written in batches, by the periodic
 * flush while the attempt runs and in the same transaction as the attempt's end. Thread-safe.
 */
final class TaskLog implements TaskLogger {

    private final String runId;
    private final String taskId;
    private final int attempt;
    private final SecretMasker masker;
    private final Clock clock;
    private List<LogLine> buffered = new ArrayList<>();

    TaskLog(String runId, String taskId, int attempt, SecretMasker masker, Clock clock) {
        this.runId = runId;
        this.taskId = taskId;
        this.attempt = attempt;
        this.masker = masker;
        this.clock = clock;
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
        buffered.add(LogLine.of(runId, taskId, attempt, level, clock.instant(), masker.mask(String.valueOf(message))));
    }

    /** Takes the buffered lines, for the attempt's final transaction. */
    synchronized List<LogLine> drain() {
        List<LogLine> lines = buffered;
        buffered = new ArrayList<>();
        return lines;
    }

    /**
     * Writes the buffered lines now and tells the observer. Holding the lock through both keeps the lines of
     * one attempt in order, also against the lines its end drains: those are told after these.
     */
    synchronized void flushTo(RunStore store, RunObserver observer) {
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
}
