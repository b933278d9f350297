package dev.orchestrator.desktop.grid;

import dev.orchestrator.desktop.graph.DagPalette;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The grid drawn on one {@link Canvas} the size of the view, with scroll bars, as the DAG view draws its graph:
 * no node per cell, and only the cells in view painted ({@link GridPainter}). A change only marks the drawing stale;
 * it is painted once, in the next layout pass. Hovering a cell shows its tooltip; clicking it opens the task in that
 * run. Use on the FX thread only.
 */
public final class GridCanvas extends Region {

    private static final double WHEEL_PIXELS = 40;

    private final Canvas canvas = new Canvas();
    private final ScrollBar horizontal = new ScrollBar();
    private final ScrollBar vertical = new ScrollBar();
    private final GridPainter painter = new GridPainter();
    private final Tooltip tooltip = new Tooltip();
    private GridMatrix matrix = GridMatrix.EMPTY;
    private DagPalette palette = DagPalette.light();
    private BiConsumer<Integer, Integer> onOpen = (row, column) -> {};
    private int hoverRow = -1;
    private int hoverColumn = -1;
    private boolean repaintPending = true;
    /** Installed while the pointer is over a cell, so that the gaps and the bands show none. */
    private boolean tooltipInstalled;

    public GridCanvas() {
        getStyleClass().add("grid-canvas");
        canvas.setManaged(false);
        horizontal.setOrientation(Orientation.HORIZONTAL);
        vertical.setOrientation(Orientation.VERTICAL);
        horizontal.setManaged(false);
        vertical.setManaged(false);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        getChildren().addAll(canvas, horizontal, vertical);
        horizontal.valueProperty().addListener(observable -> repaint());
        vertical.valueProperty().addListener(observable -> repaint());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, event -> hover(event.getX(), event.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, event -> hover(-1, -1));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
    }

    /** Shows this grid; the scroll position is kept, so a page arriving does not move the view. */
    public void setMatrix(GridMatrix matrix) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        hoverRow = -1;
        hoverColumn = -1;
        repaint();
    }

    public GridMatrix getMatrix() {
        return matrix;
    }

    public void setDark(boolean dark) {
        palette = dark ? DagPalette.dark() : DagPalette.light();
        repaint();
    }

    /** What a click on a cell does, with its row and column. */
    public void setOnOpen(BiConsumer<Integer, Integer> onOpen) {
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** Scrolls by this many pixels, within the grid. */
    public void scrollBy(double deltaX, double deltaY) {
        horizontal.setValue(clamp(horizontal.getValue() + deltaX, horizontal.getMax()));
        vertical.setValue(clamp(vertical.getValue() + deltaY, vertical.getMax()));
    }

    public double scrollX() {
        return horizontal.getValue();
    }

    public double scrollY() {
        return vertical.getValue();
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    /** The centre of a cell in scene coordinates, scrolled into view first; empty for a cell not in the grid. */
    public Optional<Point2D> cellCentreInScene(int row, int column) {
        if (row < 0 || row >= matrix.rowCount() || column < 0 || column >= matrix.columnCount()) {
            return Optional.empty();
        }
        layout();
        double x = GridGeometry.cellX(column, scrollX());
        double y = GridGeometry.cellY(row, scrollY());
        scrollBy(
                x < GridGeometry.ROW_HEADER_WIDTH || x + GridGeometry.CELL_WIDTH > canvas.getWidth()
                        ? x - GridGeometry.ROW_HEADER_WIDTH
                        : 0,
                y < GridGeometry.COLUMN_HEADER_HEIGHT || y + GridGeometry.CELL_HEIGHT > canvas.getHeight()
                        ? y - GridGeometry.COLUMN_HEADER_HEIGHT
                        : 0);
        layout();
        return Optional.of(canvas.localToScene(
                GridGeometry.cellX(column, scrollX()) + GridGeometry.CELL_WIDTH / 2,
                GridGeometry.cellY(row, scrollY()) + GridGeometry.CELL_HEIGHT / 2));
    }

    private void hover(double x, double y) {
        int row = x < 0 ? -1 : GridGeometry.rowAt(y, scrollY(), matrix.rowCount());
        int column = row < 0 ? -1 : GridGeometry.columnAt(x, scrollX(), matrix.columnCount());
        if (column < 0) {
            row = -1;
        }
        if (row == hoverRow && column == hoverColumn) {
            return;
        }
        hoverRow = row;
        hoverColumn = column;
        if (row < 0) {
            if (tooltipInstalled) {
                Tooltip.uninstall(canvas, tooltip);
                tooltipInstalled = false;
            }
            tooltip.hide();
        } else {
            tooltip.setText(matrix.describe(row, column));
            if (!tooltipInstalled) {
                Tooltip.install(canvas, tooltip);
                tooltipInstalled = true;
            }
        }
        repaint();
    }

    private void click(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY || !event.isStillSincePress()) {
            return;
        }
        int row = GridGeometry.rowAt(event.getY(), scrollY(), matrix.rowCount());
        int column = GridGeometry.columnAt(event.getX(), scrollX(), matrix.columnCount());
        if (row >= 0 && column >= 0) {
            onOpen.accept(row, column);
        }
    }

    private void scroll(ScrollEvent event) {
        boolean sideways = event.isShiftDown() && event.getDeltaX() == 0;
        double deltaX = sideways ? -event.getDeltaY() : -event.getDeltaX();
        double deltaY = sideways ? 0 : -event.getDeltaY();
        // a wheel notch is 40 "pixels" by JavaFX's count; one notch scrolls a little under two rows
        scrollBy(deltaX * WHEEL_PIXELS / 40, deltaY * WHEEL_PIXELS / 40);
        event.consume();
    }

    private void repaint() {
        repaintPending = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double barWidth = vertical.prefWidth(-1);
        double barHeight = horizontal.prefHeight(-1);
        double width = Math.max(0, getWidth() - barWidth);
        double height = Math.max(0, getHeight() - barHeight);
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            repaintPending = true;
        }
        vertical.resizeRelocate(width, 0, barWidth, height);
        horizontal.resizeRelocate(0, height, width, barHeight);
        double maxX = GridGeometry.maxScrollX(matrix.columnCount(), width);
        double maxY = GridGeometry.maxScrollY(matrix.rowCount(), height);
        horizontal.setMax(maxX);
        vertical.setMax(maxY);
        horizontal.setVisibleAmount(Math.max(1, width - GridGeometry.ROW_HEADER_WIDTH));
        vertical.setVisibleAmount(Math.max(1, height - GridGeometry.COLUMN_HEADER_HEIGHT));
        horizontal.setUnitIncrement(GridGeometry.COLUMN_PITCH);
        vertical.setUnitIncrement(GridGeometry.ROW_PITCH);
        horizontal.setValue(clamp(horizontal.getValue(), maxX));
        vertical.setValue(clamp(vertical.getValue(), maxY));
        if (repaintPending) {
            repaintPending = false;
            painter.paint(
                    canvas.getGraphicsContext2D(),
                    matrix,
                    horizontal.getValue(),
                    vertical.getValue(),
                    width,
                    height,
                    palette,
                    hoverRow,
                    hoverColumn);
        }
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }
}
