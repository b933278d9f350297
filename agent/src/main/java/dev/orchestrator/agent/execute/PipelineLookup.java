package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Pipeline;
import java.util.Optional;

/**
 * The pipelines a {@code pipeline:} task can call (issue 19), by id: the agent's loaded ones. Must be quick and
 * thread-safe: it is asked as each call starts its child run.
 */
@FunctionalInterface
public interface PipelineLookup {

    /** For engines that run no calls (tests, benchmarks that call nothing): every call fails, saying so. */
    PipelineLookup NONE = pipelineId -> Optional.empty();

    Optional<Pipeline> find(String pipelineId);
}
