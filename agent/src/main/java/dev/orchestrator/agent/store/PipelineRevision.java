package dev.orchestrator.agent.store;

import java.time.Instant;

/**
 * One version of a pipeline as it became the one the agent runs.
 *
 * @param revision the first 12 hex digits of the SHA-256 of the declaring file's text, line endings made {@code \n}
 * @param source   how it was loaded: {@link #FILE} (the agent's start), {@link #RELOAD} (a change of the files while
 *                 it ran) or {@link #API} (a save or restore through the API)
 * @param author   who loaded it: {@code file} for the files, the requester's name for the API
 * @param file     the declaring file, relative to the config directory
 */
public record PipelineRevision(
        String pipelineId, String revision, Instant loadedAt, String source, String author, String file) {

    public static final String FILE = "file";
    public static final String RELOAD = "reload";
    public static final String API = "api";
}
