package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One item of a map task as stored.
 *
 * @param item      the element, as JSON
 * @param attempts  how many attempts it had
 * @param startedAt when its last attempt started
 * @param reused    taken over from the run this one retries
 * @param childRunId the child run of its last attempt, when its task calls a pipeline
 */
public record MapItem(
        int index,
        String item,
        TaskState state,
        int attempts,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> error,
        boolean reused,
        Optional<String> childRunId) {

    /** How long its last attempt ran, when it has ended. */
    public Optional<Duration> duration() {
        return startedAt.flatMap(start -> finishedAt.map(end -> Duration.between(start, end)));
    }
}
