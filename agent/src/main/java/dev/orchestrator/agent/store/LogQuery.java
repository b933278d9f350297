package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import java.time.Instant;
import java.util.Optional;

/**
 * Which log entries to find across runs: every filter is optional.
 *
 * @param status the state of the entry's run
 * @param from   entries logged at or after
 * @param to     entries logged before
 * @param text   a piece of the message or stack trace, any case
 * @param level  {@code INFO}, {@code WARN} or {@code ERROR}; errors of failed attempts count as {@code ERROR}
 */
public record LogQuery(
        Optional<String> pipelineId,
        Optional<RunState> status,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> text,
        Optional<String> level) {

    public static LogQuery all() {
        return new LogQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
