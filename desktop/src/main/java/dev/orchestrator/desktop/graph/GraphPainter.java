package dev.orchestrator.desktop.graph;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a graph onto a canvas the size of the viewport. Only what intersects the viewport is drawn, and the
 * detail follows the zoom: far out, nodes are plain rectangles filled one colour per state in one path each and
 * edges are one path without arrow heads; closer in, rounded boxes with borders and arrow heads; labels only
 * once they are large enough to read. Few, large drawing commands are what keeps the software renderer fast.
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
    private static final double ARROW_LENGTH = 8;
    private static final double ARROW_HALF_WIDTH = 4;
    private static final double CORNER_ARC = 8;
    private static final double SELECTION_GAP_PIXELS = 3;
    private static final double SELECTION_WIDTH_PIXELS = 2.5;
    private static final double[] DASHES = {5, 3};

    private final Canvas canvas;
    private final LabelFitter labelFitter = new LabelFitter(Font.font(LABEL_FONT_SIZE));
    private GraphGeometry labelsGeometry;
    private String[] fittedLabels = new String[0];
    private int[] visible = new int[0];
    private int visibleCount;

    GraphPainter(Canvas canvas) {
        this.canvas = canvas;
    }

    /**
     * @param states   each node's state by node index, {@code null} where none is known
     * @param selected the selected node's index, or -1
     */
    void paint(GraphGeometry geometry, Viewport viewport, NodeState[] states, int selected, DagPalette palette) {
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
        paintEdges(context, geometry, scale, minX, minY, maxX, maxY, palette);
        if (detailed) {
            paintBoxes(context, geometry, states, scale, palette);
            if (LABEL_FONT_SIZE * scale >= MIN_READABLE_LABEL_PIXELS) {
                paintLabels(context, geometry, states, palette);
            }
        } else {
            paintOverview(context, geometry, states, palette);
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

    /** One path for all visible edges, then one for all arrow heads: two drawing commands however many edges. */
    private static void paintEdges(GraphicsContext context, GraphGeometry geometry, double scale, double minX,
            double minY, double maxX, double maxY, DagPalette palette) {
        context.setStroke(palette.edge());
        context.setLineWidth(1 / scale);
        context.setLineDashes((double[]) null);
        context.beginPath();
        int drawn = 0;
        for (int e = 0; e < geometry.edgeCount; e++) {
            if (geometry.edgeIntersects(e, minX, minY, maxX, maxY)) {
                double[] xs = geometry.edgeXs[e];
                double[] ys = geometry.edgeYs[e];
                context.moveTo(xs[0], ys[0]);
                for (int p = 1; p < xs.length; p++) {
                    context.lineTo(xs[p], ys[p]);
                }
                drawn++;
            }
        }
        if (drawn == 0) {
            return;
        }
        context.stroke();
        if (scale < MIN_ARROW_SCALE) {
            return;
        }
        context.setFill(palette.edge());
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

    /** Far out: per state, one path of plain rectangles in the state's strong colour. */
    private void paintOverview(GraphicsContext context, GraphGeometry geometry, NodeState[] states,
            DagPalette palette) {
        for (NodeState state : NodeState.values()) {
            boolean any = false;
            for (int v = 0; v < visibleCount; v++) {
                int i = visible[v];
                if (stateOf(states, i) == state) {
                    if (!any) {
                        context.beginPath();
                        any = true;
                    }
                    context.rect(geometry.nodeX[i], geometry.nodeY[i], geometry.nodeWidth[i], geometry.nodeHeight[i]);
                }
            }
            if (any) {
                context.setFill(palette.look(state).border());
                context.fill();
            }
        }
    }

    private void paintBoxes(GraphicsContext context, GraphGeometry geometry, NodeState[] states, double scale,
            DagPalette palette) {
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

    private void paintLabels(GraphicsContext context, GraphGeometry geometry, NodeState[] states,
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
            context.fillText(label, geometry.nodeX[i] + geometry.nodeWidth[i] / 2,
                    geometry.nodeY[i] + geometry.nodeHeight[i] / 2);
        }
    }

    /** Drawn in screen pixels, so the selected node stays visible at any zoom. */
    private static void paintSelection(GraphicsContext context, GraphGeometry geometry, int selected,
            Viewport viewport, DagPalette palette) {
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
