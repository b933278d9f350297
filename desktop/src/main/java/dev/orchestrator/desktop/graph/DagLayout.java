package dev.orchestrator.desktop.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a DAG out left to right with the Eclipse Layout Kernel's layered (Sugiyama) algorithm: dependencies in
 * earlier columns, orthogonal edges. No JavaFX: the result is plain geometry.
 *
 * <p>Stateless and thread-safe; a layout of a thousand tasks costs a few hundred milliseconds, so callers on
 * the FX thread should run it in the background. The same input gives the same output (ELK's random seed is
 * fixed).
 */
public final class DagLayout {

    /** Height of every node's box. */
    public static final double NODE_HEIGHT = 32;
    /** Height of a map's box: its label, its counts and a progress bar. */
    public static final double MAP_NODE_HEIGHT = 52;
    /** Width of a map's box, for counts such as "1,234 / 2,000 · 12 running · 3 failed". */
    public static final double MAP_NODE_WIDTH = 256;
    /** Boxes never get narrower than this, so short ids still make a box one can hit with the mouse. */
    public static final double MIN_NODE_WIDTH = 96;
    /** Boxes never get wider than this; the view shortens longer labels with an ellipsis. */
    public static final double MAX_NODE_WIDTH = 224;
    /** Text inside a box starts this far from its left and right edges. */
    public static final double LABEL_PADDING = 12;
    /**
     * Advance per character of an id in the view's label font (12 px), with a margin: DejaVu Sans, one of the
     * wider sans fonts, averages 7.0 px over {@code a-z0-9_}. Estimated here, where no toolkit measures text,
     * so boxes fit most labels; the view shortens the rest with an ellipsis.
     */
    static final double AVERAGE_CHARACTER_WIDTH = 7.5;

    /** Above this many nodes the layout trades crossing minimisation for time; see {@link #configure}. */
    static final int LARGE_GRAPH = 500;

    static {
        // ELK copies option defaults such as paddings through its own reflection registry, which it fills
        // only when its metadata service starts; outside Eclipse nothing starts it, so this does the one
        // part the layered algorithm needs, without loading every layout provider on the class path.
        LayoutMetaDataService.initElkReflect();
    }

    public LaidOutGraph layout(List<GraphNode> nodes, List<GraphEdge> edges) {
        if (nodes.isEmpty()) {
            return LaidOutGraph.empty();
        }
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root, nodes.size());
        Map<String, ElkNode> elkNodes = new HashMap<>(nodes.size() * 2);
        for (GraphNode node : nodes) {
            ElkNode elkNode = ElkGraphUtil.createNode(root);
            elkNode.setIdentifier(node.id());
            elkNode.setDimensions(
                    node.map() ? MAP_NODE_WIDTH : widthFor(node.label()), node.map() ? MAP_NODE_HEIGHT : NODE_HEIGHT);
            if (elkNodes.putIfAbsent(node.id(), elkNode) != null) {
                throw new IllegalArgumentException(
                        "Node id '" + node.id() + "' is given twice; each task id " + "may appear once in a graph.");
            }
        }
        List<ElkEdge> elkEdges = new ArrayList<>(edges.size());
        for (GraphEdge edge : edges) {
            elkEdges.add(ElkGraphUtil.createSimpleEdge(
                    endOf(edge, edge.from(), elkNodes), endOf(edge, edge.to(), elkNodes)));
        }

        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

        List<NodeBox> boxes = new ArrayList<>(nodes.size());
        for (GraphNode node : nodes) {
            ElkNode elkNode = elkNodes.get(node.id());
            boxes.add(new NodeBox(
                    node.id(), node.label(), elkNode.getX(), elkNode.getY(), elkNode.getWidth(), elkNode.getHeight()));
        }
        List<EdgeRoute> routes = new ArrayList<>(edges.size());
        for (int i = 0; i < edges.size(); i++) {
            routes.add(routeOf(edges.get(i), elkEdges.get(i)));
        }
        return new LaidOutGraph(boxes, routes, root.getWidth(), root.getHeight());
    }

    static double widthFor(String label) {
        double textWidth = label.length() * AVERAGE_CHARACTER_WIDTH + 2 * LABEL_PADDING;
        return Math.min(MAX_NODE_WIDTH, Math.max(MIN_NODE_WIDTH, Math.ceil(textWidth)));
    }

    /**
     * ELK's defaults except for what was measured (1,000 / 5,000 mixed tasks, warm, 2 cores; see
     * bench/README.md): network-simplex layering and Brandes-Koepf placement stay, because they keep chains on
     * one straight line and cost little; longest-path layering was slower here (it makes many long edges, so
     * many dummy nodes) and simple placement zig-zags chains. Separate connected components stay on: each is
     * laid out on its own and packed, which keeps crossing minimisation small. What is tuned is the effort of
     * crossing minimisation, the most expensive phase: its default (7 sweeps) is kept for graphs one reads
     * node by node, and cut to one sweep above {@value #LARGE_GRAPH} nodes, where nobody reads the crossings
     * at overview zoom: 5,000 tasks 0.8 s -> 0.5 s.
     */
    private static void configure(ElkNode root, int nodeCount) {
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 16.0);
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 48.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 8.0);
        if (nodeCount > LARGE_GRAPH) {
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
        }
    }

    private static ElkNode endOf(GraphEdge edge, String id, Map<String, ElkNode> elkNodes) {
        ElkNode node = elkNodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("Edge " + edge.from() + " -> " + edge.to() + " refers to '" + id
                    + "', which is not a node of the graph; pass every task an edge names as a node.");
        }
        return node;
    }

    /** All nodes are children of the root, so ELK gives edge sections in the same coordinates as nodes. */
    private static EdgeRoute routeOf(GraphEdge edge, ElkEdge elkEdge) {
        List<RoutePoint> points = new ArrayList<>();
        for (ElkEdgeSection section : elkEdge.getSections()) {
            addIfNew(points, section.getStartX(), section.getStartY());
            for (ElkBendPoint bend : section.getBendPoints()) {
                addIfNew(points, bend.getX(), bend.getY());
            }
            addIfNew(points, section.getEndX(), section.getEndY());
        }
        if (points.size() < 2) {
            // ELK routes every edge between two distinct nodes; a self-loop or an unrouted edge is drawn
            // from the right side of its source to the left side of its target instead of being dropped.
            ElkNode source = (ElkNode) elkEdge.getSources().get(0);
            ElkNode target = (ElkNode) elkEdge.getTargets().get(0);
            points = List.of(
                    new RoutePoint(source.getX() + source.getWidth(), source.getY() + source.getHeight() / 2),
                    new RoutePoint(target.getX(), target.getY() + target.getHeight() / 2));
        }
        return new EdgeRoute(edge.from(), edge.to(), points);
    }

    private static void addIfNew(List<RoutePoint> points, double x, double y) {
        RoutePoint point = new RoutePoint(x, y);
        if (points.isEmpty() || !points.get(points.size() - 1).equals(point)) {
            points.add(point);
        }
    }
}
