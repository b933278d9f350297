package dev.orchestrator.desktop.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A laid-out graph flattened into arrays, built once per graph so each frame can cull and hit-test thousands
 * of nodes and edges without allocating. Immutable.
 */
final class GraphGeometry {

    static final GraphGeometry EMPTY = new GraphGeometry(LaidOutGraph.empty());

    final LaidOutGraph graph;
    final int nodeCount;
    final String[] nodeIds;
    final String[] nodeLabels;
    final double[] nodeX;
    final double[] nodeY;
    final double[] nodeWidth;
    final double[] nodeHeight;
    final int edgeCount;
    final double[][] edgeXs;
    final double[][] edgeYs;
    final double[] edgeMinX;
    final double[] edgeMinY;
    final double[] edgeMaxX;
    final double[] edgeMaxY;
    private final Map<String, Integer> indexById;

    GraphGeometry(LaidOutGraph graph) {
        this.graph = graph;
        List<NodeBox> nodes = graph.nodes();
        nodeCount = nodes.size();
        nodeIds = new String[nodeCount];
        nodeLabels = new String[nodeCount];
        nodeX = new double[nodeCount];
        nodeY = new double[nodeCount];
        nodeWidth = new double[nodeCount];
        nodeHeight = new double[nodeCount];
        indexById = new HashMap<>(nodeCount * 2);
        for (int i = 0; i < nodeCount; i++) {
            NodeBox box = nodes.get(i);
            nodeIds[i] = box.id();
            nodeLabels[i] = box.label();
            nodeX[i] = box.x();
            nodeY[i] = box.y();
            nodeWidth[i] = box.width();
            nodeHeight[i] = box.height();
            indexById.put(box.id(), i);
        }
        List<EdgeRoute> edges = graph.edges();
        edgeCount = edges.size();
        edgeXs = new double[edgeCount][];
        edgeYs = new double[edgeCount][];
        edgeMinX = new double[edgeCount];
        edgeMinY = new double[edgeCount];
        edgeMaxX = new double[edgeCount];
        edgeMaxY = new double[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            List<RoutePoint> points = edges.get(e).points();
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < xs.length; p++) {
                xs[p] = points.get(p).x();
                ys[p] = points.get(p).y();
                minX = Math.min(minX, xs[p]);
                minY = Math.min(minY, ys[p]);
                maxX = Math.max(maxX, xs[p]);
                maxY = Math.max(maxY, ys[p]);
            }
            edgeXs[e] = xs;
            edgeYs[e] = ys;
            edgeMinX[e] = minX;
            edgeMinY[e] = minY;
            edgeMaxX[e] = maxX;
            edgeMaxY[e] = maxY;
        }
    }

    /** The index of the node with this id, or -1. */
    int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** The index of the node whose box contains the graph point, or -1. */
    int nodeAt(double graphX, double graphY) {
        for (int i = nodeCount - 1; i >= 0; i--) {
            if (graphX >= nodeX[i]
                    && graphX <= nodeX[i] + nodeWidth[i]
                    && graphY >= nodeY[i]
                    && graphY <= nodeY[i] + nodeHeight[i]) {
                return i;
            }
        }
        return -1;
    }

    boolean nodeIntersects(int i, double minX, double minY, double maxX, double maxY) {
        return nodeX[i] <= maxX
                && nodeX[i] + nodeWidth[i] >= minX
                && nodeY[i] <= maxY
                && nodeY[i] + nodeHeight[i] >= minY;
    }

    boolean edgeIntersects(int e, double minX, double minY, double maxX, double maxY) {
        return edgeMinX[e] <= maxX && edgeMaxX[e] >= minX && edgeMinY[e] <= maxY && edgeMaxY[e] >= minY;
    }
}
