package dev.orchestrator.desktop.graph;

import java.util.Objects;

/**
 * A task as the graph shows it: the id that edges and states refer to, the text in its box, and whether it is a map
 * (a {@code for_each} task), whose larger box has room for its counts and a progress bar under the label.
 */
public record GraphNode(String id, String label, boolean map) {

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    public GraphNode(String id, String label) {
        this(id, label, false);
    }

    /** A node whose label is its id, as tasks are shown unless a pipeline names them otherwise. */
    public static GraphNode of(String id) {
        return new GraphNode(id, id);
    }
}
