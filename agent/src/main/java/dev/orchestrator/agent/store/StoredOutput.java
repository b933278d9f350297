package dev.orchestrator.agent.store;

import java.util.Optional;

/**
 * A task's output as stored: its JSON inline when small, or the path of the file it was spilled to.
 *
 * @param json the whole JSON when it fits in the database, else empty
 * @param file the spill file when it did not
 * @param size the JSON's length in characters
 */
public record StoredOutput(Optional<String> json, Optional<String> file, long size) {}
