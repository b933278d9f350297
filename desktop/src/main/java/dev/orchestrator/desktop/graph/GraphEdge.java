package dev.orchestrator.desktop.graph;

import java.util.Objects;

/** A dependency: {@code from} must finish before {@code to}; drawn as an arrow pointing at {@code to}. */
public record GraphEdge(String from, String to) {

    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
