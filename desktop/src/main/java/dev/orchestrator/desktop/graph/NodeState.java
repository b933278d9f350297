package dev.orchestrator.desktop.graph;

import java.util.Locale;
import java.util.Optional;

/**
 * What the graph can show about a task: the task states of a run, plus {@code queued} (ready, waiting for a
 * worker) and {@code waiting} (a sensor waiting for its condition), which the console shows but a run does not
 * record. Spelled in lower case with underscores, as the API sends them.
 */
public enum NodeState {
    PENDING,
    QUEUED,
    WAITING,
    RUNNING,
    RETRYING,
    SUCCESS,
    FAILED,
    TIMEOUT,
    CRASHED,
    UPSTREAM_FAILED,
    SKIPPED,
    CANCELLED;

    /** The state spelled {@code name} ({@code upstream_failed}, any case), if it is one of ours. */
    public static Optional<NodeState> fromName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The state as the API spells it. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
