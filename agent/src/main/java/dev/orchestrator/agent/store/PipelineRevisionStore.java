package dev.orchestrator.agent.store;

import java.util.List;
import java.util.Optional;

/**
 * The versions of each pipeline the agent loaded, with their texts, newest first. Thread-safe; every method commits.
 */
public interface PipelineRevisionStore {

    /** A loaded version and the text it was read from. */
    record Loaded(PipelineRevision revision, String text) {}

    /**
     * Keeps each loaded version that is not already its pipeline's newest, in one transaction.
     *
     * @return the versions kept, in the order given
     */
    List<PipelineRevision> keep(List<Loaded> loaded);

    /** A pipeline's versions, newest first. */
    Page<PipelineRevision> list(String pipelineId, int page, int size);

    /** The newest time {@code revision} of the pipeline was loaded, with its text. */
    Optional<Loaded> find(String pipelineId, String revision);

    /** The version the pipeline runs now, as last kept. */
    Optional<PipelineRevision> newest(String pipelineId);
}
