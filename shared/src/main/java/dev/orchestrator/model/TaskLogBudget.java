package dev.orchestrator.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A task's own log budget ({@code log_budget:} in its YAML): what it sets replaces the agent's budget for this
 * task's attempts ({@code --log-budget-lines}, {@code --log-budget-mb}, {@code --log-keep-whole}); what it leaves
 * out stays the agent's.
 *
 * @param lines     lines of each attempt's log that are stored, at least 2
 * @param bytes     bytes of each attempt's log that are stored (written in megabytes), at least 2
 * @param keepWhole whether each attempt's whole log is also written, gzipped, to the agent's home
 */
public record TaskLogBudget(OptionalLong lines, OptionalLong bytes, Optional<Boolean> keepWhole) {

    public TaskLogBudget {
        if ((lines.isPresent() && lines.getAsLong() < 2) || (bytes.isPresent() && bytes.getAsLong() < 2)) {
            throw new IllegalArgumentException("a log budget keeps at least 2 lines and 2 bytes");
        }
    }
}
