package dev.orchestrator.desktop.graph;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;

/**
 * An interactive drawing of a laid-out DAG: boxes coloured by task state, edges with arrow heads, a selected
 * node. Drag to pan, wheel or {@code +}/{@code -} to zoom around the pointer or the centre, {@code 0} to fit.
 *
 * <p>Draws on one {@link Canvas} the size of the view rather than a node per task, so five thousand tasks stay
 * smooth under the software renderer; see {@link GraphPainter} for what is drawn at which zoom. Changes only
 * mark the drawing stale; it is redrawn once, in the next layout pass, however many changes a pulse brings.
 *
 * <p>Use on the FX thread only. Lay the graph out with {@link DagLayout} in the background first.
 */
public class DagView extends Region {

    public static final String STYLE_CLASS = "dag-view";
    /** Free space around the graph after {@link #fit()}, in pixels. */
    static final double FIT_MARGIN = 24;

    static final double ZOOM_STEP = 1.25;
    /** A mouse wheel notch scrolls by this much; a notch zooms by one {@link #ZOOM_STEP}. */
    private static final double WHEEL_NOTCH_PIXELS = 40;

    private static final double KEY_PAN_PIXELS = 48;

    private final Canvas canvas = new Canvas();
    private final GraphPainter painter = new GraphPainter(canvas);
    private final Viewport viewport = new Viewport();
    private final NodeStates nodeStates = new NodeStates();
    private final ReadOnlyStringWrapper selectedNode = new ReadOnlyStringWrapper(this, "selectedNode");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private GraphGeometry geometry = GraphGeometry.EMPTY;
    private DagPalette palette = DagPalette.light();
    private boolean fitPending = true;
    /** True until the user pans or zooms; while true, a resized view fits the graph again. */
    private boolean showsFit = true;

    private boolean repaintPending = true;
    private double dragX;
    private double dragY;

    public DagView() {
        createView();
        bind();
    }

    public DagView(LaidOutGraph graph) {
        this();
        setGraph(graph);
    }

    private void createView() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        canvas.setManaged(false);
        getChildren().add(canvas);
    }

    private void bind() {
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::startDrag);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, event -> canvas.setCursor(Cursor.DEFAULT));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, event -> zoomAt(event.getZoomFactor(), event.getX(), event.getY()));
        addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        selectedNode.addListener((property, oldId, newId) -> repaint());
    }

    /** Shows this graph, fitted to the view; states and the selection of nodes still in it are kept. */
    public void setGraph(LaidOutGraph graph) {
        Objects.requireNonNull(graph, "graph");
        geometry = new GraphGeometry(graph);
        nodeStates.reindex(geometry);
        if (selectedNode.get() != null && geometry.indexOf(selectedNode.get()) < 0) {
            selectedNode.set(null);
        }
        fit();
    }

    public LaidOutGraph getGraph() {
        return geometry.graph;
    }

    /**
     * Sets one task's state, spelled as the API does ({@code running}, {@code upstream_failed}); {@code null}
     * forgets it. A state this view does not know (from a newer agent) is drawn like {@code pending} rather than
     * failing the whole update. States are kept by id, also for ids not (yet) in the graph.
     */
    public void setState(String nodeId, String state) {
        nodeStates.put(nodeId, state);
        repaint();
    }

    /** Sets many states at once with a single redraw, as a burst of run events needs; see {@link #setState}. */
    public void setStates(Map<String, String> states) {
        states.forEach(nodeStates::put);
        repaint();
    }

    /** Shows how far a map has got under its label (its box must be a map's, see {@link GraphNode}); null forgets. */
    public void setProgress(String nodeId, NodeProgress progress) {
        nodeStates.putProgress(nodeId, progress);
        repaint();
    }

    public Optional<NodeProgress> getProgress(String nodeId) {
        return nodeStates.progress(nodeId);
    }

    /** Forgets every state, as when another run is shown. */
    public void clearStates() {
        nodeStates.clear();
        repaint();
    }

    /** The state this node is drawn in, as the API spells it, if one was set ({@code pending} for unknown ones). */
    public Optional<String> getState(String nodeId) {
        return nodeStates.get(nodeId).map(NodeState::apiName);
    }

    /** The id of the selected node, or {@code null}. */
    public ReadOnlyStringProperty selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    public String getSelectedNode() {
        return selectedNode.get();
    }

    /** Selects the node with this id; {@code null} or an id not in the graph clears the selection. */
    public void select(String nodeId) {
        selectedNode.set(nodeId != null && geometry.indexOf(nodeId) >= 0 ? nodeId : null);
    }

    /** The magnification: 1 shows the graph at its natural size. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public void setDarkTheme(boolean dark) {
        setPalette(dark ? DagPalette.dark() : DagPalette.light());
    }

    public void setPalette(DagPalette palette) {
        this.palette = Objects.requireNonNull(palette, "palette");
        repaint();
    }

    public void zoomIn() {
        zoomAt(ZOOM_STEP, contentWidth() / 2, contentHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / ZOOM_STEP, contentWidth() / 2, contentHeight() / 2);
    }

    /** Moves the view by this many pixels; positive values move the graph right and down. */
    public void pan(double deltaX, double deltaY) {
        viewport.panBy(deltaX, deltaY);
        showsFit = false;
        repaint();
    }

    /** Shows the whole graph, centred; done by itself when a graph is set and when the view is first shown. */
    public void fit() {
        fitPending = true;
        fitIfSized();
        repaint();
    }

    /** Fits now if the view has a size; otherwise the first layout pass that gives it one will. */
    private void fitIfSized() {
        double width = contentWidth();
        double height = contentHeight();
        if (width <= 0 || height <= 0) {
            return;
        }
        fitPending = false;
        showsFit = true;
        repaintPending = true;
        viewport.fit(geometry.graph.width(), geometry.graph.height(), width, height, FIT_MARGIN);
        zoom.set(viewport.scale());
    }

    /** Where the centre of this node currently is in the scene, if the node is in the graph. */
    public Optional<Point2D> nodeCenterInScene(String nodeId) {
        return nodeCenterInCanvas(nodeId).map(point -> canvas.localToScene(point));
    }

    /** Where the centre of this node currently is in this view's coordinates, if the node is in the graph. */
    public Optional<Point2D> nodeCenterInLocal(String nodeId) {
        return nodeCenterInCanvas(nodeId).map(point -> canvas.localToParent(point));
    }

    private Optional<Point2D> nodeCenterInCanvas(String nodeId) {
        int index = geometry.indexOf(nodeId);
        if (index < 0) {
            return Optional.empty();
        }
        return Optional.of(new Point2D(
                viewport.toLocalX(geometry.nodeX[index] + geometry.nodeWidth[index] / 2),
                viewport.toLocalY(geometry.nodeY[index] + geometry.nodeHeight[index] / 2)));
    }

    private void zoomAt(double factor, double canvasX, double canvasY) {
        if (viewport.zoomAt(factor, canvasX, canvasY)) {
            showsFit = false;
            zoom.set(viewport.scale());
            repaint();
        }
    }

    private void startDrag(MouseEvent event) {
        requestFocus();
        dragX = event.getX();
        dragY = event.getY();
    }

    private void drag(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY && event.getButton() != MouseButton.MIDDLE) {
            return;
        }
        canvas.setCursor(Cursor.CLOSED_HAND);
        pan(event.getX() - dragX, event.getY() - dragY);
        dragX = event.getX();
        dragY = event.getY();
    }

    private void click(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY || !event.isStillSincePress()) {
            return;
        }
        int index = geometry.nodeAt(viewport.toGraphX(event.getX()), viewport.toGraphY(event.getY()));
        selectedNode.set(index < 0 ? null : geometry.nodeIds[index]);
    }

    private void scroll(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            zoomAt(Math.pow(ZOOM_STEP, event.getDeltaY() / WHEEL_NOTCH_PIXELS), event.getX(), event.getY());
        }
        event.consume();
    }

    private void keyTyped(KeyEvent event) {
        switch (event.getCharacter()) {
            case "+", "=" -> zoomIn();
            case "-" -> zoomOut();
            case "0" -> fit();
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void keyPressed(KeyEvent event) {
        switch (event.getCode()) {
            case LEFT -> pan(KEY_PAN_PIXELS, 0);
            case RIGHT -> pan(-KEY_PAN_PIXELS, 0);
            case UP -> pan(0, KEY_PAN_PIXELS);
            case DOWN -> pan(0, -KEY_PAN_PIXELS);
            default -> {
                return;
            }
        }
        event.consume();
    }

    /**
     * Marks the drawing stale and this view, not its parents, as needing layout, so the next pulse redraws it
     * exactly once in {@link #layoutChildren()}.
     */
    private void repaint() {
        repaintPending = true;
        setNeedsLayout(true);
    }

    @Override
    protected void layoutChildren() {
        double width = contentWidth();
        double height = contentHeight();
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            repaintPending = true;
            if (showsFit && width > 0 && height > 0) {
                fitPending = true;
            }
        }
        if (fitPending) {
            fitIfSized();
        }
        if (repaintPending) {
            repaintPending = false;
            painter.paint(
                    geometry,
                    viewport,
                    nodeStates.byIndex(),
                    nodeStates.progressByIndex(),
                    selectedNode.get() == null ? -1 : geometry.indexOf(selectedNode.get()),
                    palette);
        }
    }

    private double contentWidth() {
        return Math.max(0, snapSizeX(getWidth()) - snappedLeftInset() - snappedRightInset());
    }

    private double contentHeight() {
        return Math.max(0, snapSizeY(getHeight()) - snappedTopInset() - snappedBottomInset());
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + 640 + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + 400 + snappedBottomInset();
    }
}
