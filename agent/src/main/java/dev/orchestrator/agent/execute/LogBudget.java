package dev.orchestrator.agent.execute;

import dev.orchestrator.model.TaskLogBudget;
import java.util.Optional;

/**
 * How much of one task attempt's log is stored. Past the budget the attempt keeps its first half (as it comes)
 * and its last half (held in a ring and written when the attempt ends), with a line between them saying how many
 * lines and bytes were dropped. A task printing millions of lines would otherwise fill the database, the agent's
 * memory and every page of its log.
 *
 * @param lines     lines kept per attempt, at least 2
 * @param bytes     bytes of messages (UTF-8) kept per attempt, at least 2
 * @param keepWhole also write each attempt's whole log, gzipped, beside the run's spilled outputs
 *                  ({@code outputs/RUN/logs/TASK-ATTEMPT.log.gz} in the home; purged with the run)
 */
public record LogBudget(long lines, long bytes, boolean keepWhole) {

    /** 100,000 lines or 5 MB, whichever comes first. */
    public static final LogBudget DEFAULT = new LogBudget(100_000, 5L * 1024 * 1024);

    public LogBudget(long lines, long bytes) {
        this(lines, bytes, false);
    }

    public LogBudget {
        if (lines < 2 || bytes < 2) {
            throw new IllegalArgumentException("a log budget keeps at least 2 lines and 2 bytes (its first and its "
                    + "last line), got " + lines + " lines and " + bytes + " bytes");
        }
    }

    /** This budget with what a task's own {@code log_budget} sets in place of the same parts of it. */
    public LogBudget with(Optional<TaskLogBudget> task) {
        return task.map(own -> new LogBudget(
                        own.lines().orElse(lines),
                        own.bytes().orElse(bytes),
                        own.keepWhole().orElse(keepWhole)))
                .orElse(this);
    }

    /** Lines kept from the start of the attempt's log. */
    long headLines() {
        return lines / 2;
    }

    long headBytes() {
        return bytes / 2;
    }

    /** Lines kept from the end of the attempt's log. */
    long tailLines() {
        return lines - headLines();
    }

    long tailBytes() {
        return bytes - headBytes();
    }
}
