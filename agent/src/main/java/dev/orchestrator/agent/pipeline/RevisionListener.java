package dev.orchestrator.agent.pipeline;

import java.util.List;

/**
 * Hears of each load of the config directory, on the thread that loads it, with the lock of the
 * {@link PipelineRegistry} held: loads reach it one at a time, in order. Must not throw.
 */
@FunctionalInterface
public interface RevisionListener {

    /**
     * @param revisions every runnable pipeline's version (those of a file broken by an edit left out: they run
     *                  their last valid version, which was heard of before)
     * @param atStart   true for the load the agent started with
     */
    void loaded(List<LoadedRevision> revisions, boolean atStart);
}
