package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import java.time.Instant;
import java.util.Optional;

/**
 * Which runs to list, and which page of them: every filter is optional.
 *
 * @param from  runs created at or after
 * @param to    runs created before
 * @param text  a piece of the pipeline id or of the reason, the start of the run id or of its random hex suffix, or
 *              a date and time as the run ids have them (the runs created then, UTC), any case
 * @param page  1-based
 */
public record RunQuery(
        Optional<String> pipelineId,
        Optional<RunState> status,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> text,
        int page,
        int size) {

    public static RunQuery all(int page, int size) {
        return new RunQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), page, size);
    }
}
