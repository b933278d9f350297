package dev.orchestrator.agent.pipeline;

/**
 * The version of a pipeline a load made runnable.
 *
 * @param file the declaring file, relative to the config directory
 * @param text that file's canonical text ({@link RevisionTexts#canonical})
 */
public record LoadedRevision(String pipelineId, String revision, String file, String text) {}
