package dev.orchestrator.desktop.graph;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a graph onto a canvas the size of the viewport. Only what intersects the viewport is drawn, and the
 * detail follows the zoom: far out, nodes are plain rectangles, one path per state, and edges have no arrow
 * heads; closer in, rounded boxes with borders and arrow heads; labels only once they are large enough to read.
 * Each choice here was measured with the software renderer, which is what a machine without a usable GPU
 * gets (bench/README.md, {@code DagGraphBenchmark}).
 * Use on the FX thread only.
 */
final class GraphPainter {

    static final double LABEL_FONT_SIZE = 12;
    /** Labels smaller than this on screen are unreadable, so they are not drawn at all. */
    static final double MIN_READABLE_LABEL_PIXELS = 6;
    /** Nodes lower than this on screen are drawn as plain rectangles. */
    static final double MIN_DETAILED_NODE_PIXELS = 6;
    /** Arrow heads are left out when they would be smaller than a few pixels. */
    private static final double MIN_ARROW_SCALE = 0.35;

    private static final double OVERVIEW_EDGE_OPACITY = 0.5;
    private static final double ARROW_LENGTH = 8;
    private static final double ARROW_HALF_WIDTH = 4;
    private static final double CORNER_ARC = 8;
    private static final double SELECTION_GAP_PIXELS = 3;
    private static final double SELECTION_WIDTH_PIXELS = 2.5;
    private static final double[] DASHES = {5, 3};
    // a map's box (DagLayout.MAP_NODE_HEIGHT high): label, counts, bar, from its top
    private static final double CAPTION_FONT_SIZE = 11;
    private static final double PROGRESS_LABEL_Y = 12;
    private static final double PROGRESS_CAPTION_Y = 28;
    private static final double PROGRESS_BAR_BOTTOM = 12;
    private static final double PROGRESS_BAR_HEIGHT = 5;

    private final Canvas canvas;
    private final LabelFitter labelFitter = new LabelFitter(Font.font(LABEL_FONT_SIZE));
    private final LabelFitter captionFitter = new LabelFitter(Font.font(CAPTION_FONT_SIZE));
    private GraphGeometry labelsGeometry;
    private String[] fittedLabels = new String[0];
    private int[] visible = new int[0];
    private int visibleCount;

    GraphPainter(Canvas canvas) {
        this.canvas = canvas;
    }

    /**
     * @param states   each node's state by node index, {@code null} where none is known
     * @param progress each map's progress by node index, {@code null} for other nodes
     * @param selected the selected node's index, or -1
     */
    void paint(
            GraphGeometry geometry,
            Viewport viewport,
            NodeState[] states,
            NodeProgress[] progress,
            int selected,
            DagPalette palette) {
        GraphicsContext context = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.setFill(palette.background());
        context.fillRect(0, 0, width, height);
        if (geometry.nodeCount == 0) {
            return;
        }
        double scale = viewport.scale();
        double minX = viewport.toGraphX(0);
        double minY = viewport.toGraphY(0);
        double maxX = viewport.toGraphX(width);
        double maxY = viewport.toGraphY(height);
        collectVisibleNodes(geometry, minX, minY, maxX, maxY);
        boolean detailed = DagLayout.NODE_HEIGHT * scale >= MIN_DETAILED_NODE_PIXELS;

        context.setTransform(scale, 0, 0, scale, viewport.translateX(), viewport.translateY());
        // far out, edges are a mesh that would drown the nodes: half as strong
        Color edgeColour = detailed ? palette.edge() : palette.edge().deriveColor(0, 1, 1, OVERVIEW_EDGE_OPACITY);
        paintEdges(context, geometry, scale, minX, minY, maxX, maxY, edgeColour);
        if (detailed) {
            paintBoxes(context, geometry, states, scale, palette);
            if (LABEL_FONT_SIZE * scale >= MIN_READABLE_LABEL_PIXELS) {
                paintLabels(context, geometry, states, progress, palette);
                paintProgress(context, geometry, states, progress, palette);
            }
        } else {
            paintOverview(context, geometry, states, scale, palette);
        }
        context.setTransform(1, 0, 0, 1, 0, 0);
        if (selected >= 0 && geometry.nodeIntersects(selected, minX, minY, maxX, maxY)) {
            paintSelection(context, geometry, selected, viewport, palette);
        }
    }

    private void collectVisibleNodes(GraphGeometry geometry, double minX, double minY, double maxX, double maxY) {
        if (visible.length < geometry.nodeCount) {
            visible = new int[geometry.nodeCount];
        }
        visibleCount = 0;
        for (int i = 0; i < geometry.nodeCount; i++) {
            if (geometry.nodeIntersects(i, minX, minY, maxX, maxY)) {
                visible[visibleCount++] = i;
            }
        }
    }

    /**
     * Edges as thin filled rectangles, one per segment, then all arrow heads as one path. ELK's orthogonal
     * routes have only horizontal and vertical segments, and the software renderer fills axis-aligned
     * rectangles far faster than it strokes a path: 5,000 tasks at overview zoom pan at 100-150 frames per
     * second this way, at 25-35 with one stroked path of all edges. A slanted segment (a self-loop's fallback
     * route) is stroked.
     */
    private static void paintEdges(
            GraphicsContext context,
            GraphGeometry geometry,
            double scale,
            double minX,
            double minY,
            double maxX,
            double maxY,
            Color colour) {
        double thickness = 1 / scale;
        double half = thickness / 2;
        context.setFill(colour);
        context.setStroke(colour);
        context.setLineWidth(thickness);
        context.setLineDashes((double[]) null);
        for (int e = 0; e < geometry.edgeCount; e++) {
            if (!geometry.edgeIntersects(e, minX, minY, maxX, maxY)) {
                continue;
            }
            double[] xs = geometry.edgeXs[e];
            double[] ys = geometry.edgeYs[e];
            for (int p = 1; p < xs.length; p++) {
                double fromX = xs[p - 1];
                double fromY = ys[p - 1];
                double toX = xs[p];
                double toY = ys[p];
                if (fromX == toX || fromY == toY) {
                    double left = Math.min(fromX, toX);
                    double top = Math.min(fromY, toY);
                    context.fillRect(
                            left - half,
                            top - half,
                            Math.abs(toX - fromX) + thickness,
                            Math.abs(toY - fromY) + thickness);
                } else {
                    context.strokeLine(fromX, fromY, toX, toY);
                }
            }
        }
        if (scale < MIN_ARROW_SCALE) {
            return;
        }
        context.beginPath();
        for (int e = 0; e < geometry.edgeCount; e++) {
            double[] xs = geometry.edgeXs[e];
            double[] ys = geometry.edgeYs[e];
            int last = xs.length - 1;
            double tipX = xs[last];
            double tipY = ys[last];
            if (tipX < minX || tipX > maxX || tipY < minY || tipY > maxY) {
                continue;
            }
            double directionX = tipX - xs[last - 1];
            double directionY = tipY - ys[last - 1];
            double length = Math.hypot(directionX, directionY);
            if (length == 0) {
                continue;
            }
            directionX /= length;
            directionY /= length;
            double baseX = tipX - directionX * ARROW_LENGTH;
            double baseY = tipY - directionY * ARROW_LENGTH;
            context.moveTo(tipX, tipY);
            context.lineTo(baseX - directionY * ARROW_HALF_WIDTH, baseY + directionX * ARROW_HALF_WIDTH);
            context.lineTo(baseX + directionY * ARROW_HALF_WIDTH, baseY - directionX * ARROW_HALF_WIDTH);
            context.closePath();
        }
        context.fill();
    }

    /**
     * Far out: plain rectangles in each state's strong colour, at least a pixel high so that even the tasks of
     * a huge graph show, filled state by state so the colour changes twelve times, not once per task.
     */
    private void paintOverview(
            GraphicsContext context, GraphGeometry geometry, NodeState[] states, double scale, DagPalette palette) {
        double minimumSize = 1 / scale;
        for (NodeState state : NodeState.values()) {
            context.setFill(palette.look(state).border());
            for (int v = 0; v < visibleCount; v++) {
                int i = visible[v];
                if (stateOf(states, i) == state) {
                    context.fillRect(
                            geometry.nodeX[i],
                            geometry.nodeY[i],
                            Math.max(minimumSize, geometry.nodeWidth[i]),
                            Math.max(minimumSize, geometry.nodeHeight[i]));
                }
            }
        }
    }

    private void paintBoxes(
            GraphicsContext context, GraphGeometry geometry, NodeState[] states, double scale, DagPalette palette) {
        for (int v = 0; v < visibleCount; v++) {
            int i = visible[v];
            NodeLook look = palette.look(stateOf(states, i));
            double x = geometry.nodeX[i];
            double y = geometry.nodeY[i];
            double width = geometry.nodeWidth[i];
            double height = geometry.nodeHeight[i];
            context.setFill(look.fill());
            context.fillRoundRect(x, y, width, height, CORNER_ARC, CORNER_ARC);
            context.setStroke(look.border());
            switch (look.outline()) {
                case THIN -> {
                    context.setLineWidth(1 / scale);
                    context.setLineDashes((double[]) null);
                }
                case BOLD -> {
                    context.setLineWidth(Math.max(2.5, 2.5 / scale));
                    context.setLineDashes((double[]) null);
                }
                case DASHED -> {
                    context.setLineWidth(Math.max(1.5, 1.5 / scale));
                    context.setLineDashes(DASHES);
                }
            }
            context.strokeRoundRect(x, y, width, height, CORNER_ARC, CORNER_ARC);
        }
        context.setLineDashes((double[]) null);
    }

    private void paintLabels(
            GraphicsContext context,
            GraphGeometry geometry,
            NodeState[] states,
            NodeProgress[] progress,
            DagPalette palette) {
        if (labelsGeometry != geometry) {
            labelsGeometry = geometry;
            fittedLabels = new String[geometry.nodeCount];
        }
        context.setFont(labelFitter.font());
        context.setTextAlign(TextAlignment.CENTER);
        context.setTextBaseline(VPos.CENTER);
        for (int v = 0; v < visibleCount; v++) {
            int i = visible[v];
            String label = fittedLabels[i];
            if (label == null) {
                label = labelFitter.fit(geometry.nodeLabels[i], geometry.nodeWidth[i] - 2 * DagLayout.LABEL_PADDING);
                fittedLabels[i] = label;
            }
            context.setFill(palette.look(stateOf(states, i)).text());
            context.fillText(
                    label,
                    geometry.nodeX[i] + geometry.nodeWidth[i] / 2,
                    progress[i] == null
                            ? geometry.nodeY[i] + geometry.nodeHeight[i] / 2
                            : geometry.nodeY[i] + PROGRESS_LABEL_Y);
        }
    }

    /**
     * Under a map's label: its counts, and a bar of its items done (green) and failed (red) over a track in the
     * background's colour, framed in the node's border colour so that it shows on a green or red box too.
     */
    private void paintProgress(
            GraphicsContext context,
            GraphGeometry geometry,
            NodeState[] states,
            NodeProgress[] progress,
            DagPalette palette) {
        context.setFont(captionFitter.font());
        for (int v = 0; v < visibleCount; v++) {
            int i = visible[v];
            NodeProgress shown = progress[i];
            if (shown == null) {
                continue;
            }
            NodeLook look = palette.look(stateOf(states, i));
            double x = geometry.nodeX[i];
            double y = geometry.nodeY[i];
            double width = geometry.nodeWidth[i];
            context.setFill(look.text());
            context.fillText(
                    captionFitter.fit(shown.caption(), width - 2 * DagLayout.LABEL_PADDING),
                    x + width / 2,
                    y + PROGRESS_CAPTION_Y);
            double barX = x + DagLayout.LABEL_PADDING;
            double barY = y + geometry.nodeHeight[i] - PROGRESS_BAR_BOTTOM;
            double barWidth = width - 2 * DagLayout.LABEL_PADDING;
            context.setFill(palette.background());
            context.fillRect(barX, barY, barWidth, PROGRESS_BAR_HEIGHT);
            context.setFill(palette.look(NodeState.SUCCESS).fill());
            context.fillRect(barX, barY, barWidth * shown.done(), PROGRESS_BAR_HEIGHT);
            context.setFill(palette.look(NodeState.FAILED).fill());
            context.fillRect(barX + barWidth * shown.done(), barY, barWidth * shown.failed(), PROGRESS_BAR_HEIGHT);
            context.setStroke(look.border());
            context.setLineWidth(1);
            context.strokeRect(barX, barY, barWidth, PROGRESS_BAR_HEIGHT);
        }
        context.setFont(labelFitter.font());
    }

    /** Drawn in screen pixels, so the selected node stays visible at any zoom. */
    private static void paintSelection(
            GraphicsContext context, GraphGeometry geometry, int selected, Viewport viewport, DagPalette palette) {
        double x = viewport.toLocalX(geometry.nodeX[selected]) - SELECTION_GAP_PIXELS;
        double y = viewport.toLocalY(geometry.nodeY[selected]) - SELECTION_GAP_PIXELS;
        double width = geometry.nodeWidth[selected] * viewport.scale() + 2 * SELECTION_GAP_PIXELS;
        double height = geometry.nodeHeight[selected] * viewport.scale() + 2 * SELECTION_GAP_PIXELS;
        double arc = CORNER_ARC * viewport.scale() + 2 * SELECTION_GAP_PIXELS;
        context.setStroke(palette.selection());
        context.setLineWidth(SELECTION_WIDTH_PIXELS);
        context.setLineDashes((double[]) null);
        context.strokeRoundRect(x, y, width, height, arc, arc);
    }

    private static NodeState stateOf(NodeState[] states, int index) {
        NodeState state = states[index];
        return state == null ? NodeState.PENDING : state;
    }
}
