/**
 * The pipelines the agent runs ({@code PipelineRegistry}): those of the config directory's files that validate,
 * replaced in one step when the directory changes ({@code ConfigWatcher}), and the revisions of their files each
 * load keeps ({@code RevisionKeeper}, in the store's {@code PipelineRevisionStore}; {@code UnifiedDiff} compares
 * two). Uses the shared loader and validator; knows nothing of runs, schedules or HTTP, which read it.
 */
package dev.orchestrator.agent.pipeline;
