package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Pipeline;
import java.util.Optional;

/**
 * Which revision of its text a pipeline was read from, for the run that runs it to record. Must be quick and
 * thread-safe: it is asked as each run is created.
 */
@FunctionalInterface
public interface RevisionLookup {

    /** For engines whose pipelines have no revisions (tests, benchmarks). */
    RevisionLookup NONE = pipeline -> Optional.empty();

    Optional<String> revisionOf(Pipeline pipeline);
}
