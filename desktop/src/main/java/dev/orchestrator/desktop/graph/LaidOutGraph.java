package dev.orchestrator.desktop.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph with its geometry: each node's box, each edge's route, and the size of the whole drawing, all in
 * graph coordinates. Immutable and thread-safe, so a layout computed on a background thread can be handed
 * to the view as it is.
 */
public final class LaidOutGraph {

    private static final LaidOutGraph EMPTY = new LaidOutGraph(List.of(), List.of(), 0, 0);

    private final List<NodeBox> nodes;
    private final Map<String, NodeBox> nodesById;
    private final List<EdgeRoute> edges;
    private final double width;
    private final double height;

    public LaidOutGraph(List<NodeBox> nodes, List<EdgeRoute> edges, double width, double height) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.width = width;
        this.height = height;
        Map<String, NodeBox> byId = new LinkedHashMap<>();
        for (NodeBox node : this.nodes) {
            if (byId.putIfAbsent(node.id(), node) != null) {
                throw new IllegalArgumentException("Node id '" + node.id() + "' appears twice; each node of a "
                        + "laid-out graph needs its own id.");
            }
        }
        this.nodesById = Collections.unmodifiableMap(byId);
    }

    public static LaidOutGraph empty() {
        return EMPTY;
    }

    /** The boxes in the order the nodes were given to the layout. */
    public List<NodeBox> nodes() {
        return nodes;
    }

    public Optional<NodeBox> node(String id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    public Map<String, NodeBox> nodesById() {
        return nodesById;
    }

    public List<EdgeRoute> edges() {
        return edges;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LaidOutGraph graph
                && graph.width == width
                && graph.height == height
                && graph.nodes.equals(nodes)
                && graph.edges.equals(edges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, edges, width, height);
    }

    @Override
    public String toString() {
        return "LaidOutGraph[" + nodes.size() + " nodes, " + edges.size() + " edges, " + width + " x " + height + "]";
    }
}
