package dev.orchestrator.desktop.graph;

import java.util.Objects;

/** A task as the graph shows it: the id that edges and states refer to, and the text in its box. */
public record GraphNode(String id, String label) {

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    /** A node whose label is its id, as tasks are shown unless a pipeline names them otherwise. */
    public static GraphNode of(String id) {
        return new GraphNode(id, id);
    }
}
