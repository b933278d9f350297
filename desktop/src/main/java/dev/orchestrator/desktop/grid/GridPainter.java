package dev.orchestrator.desktop.grid;

import static dev.orchestrator.desktop.grid.GridGeometry.CELL_HEIGHT;
import static dev.orchestrator.desktop.grid.GridGeometry.CELL_WIDTH;
import static dev.orchestrator.desktop.grid.GridGeometry.COLUMN_HEADER_HEIGHT;
import static dev.orchestrator.desktop.grid.GridGeometry.ROW_HEADER_WIDTH;

import dev.orchestrator.api.GridCellDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.desktop.graph.DagPalette;
import dev.orchestrator.desktop.graph.NodeState;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws the part of a grid that shows: only the rows and columns inside the view are visited, so a frame costs the
 * same for 1,000 tasks × 200 runs as for 30 × 25. Cells take the DAG view's state colours ({@link DagPalette}); a
 * map task's cell is split into its items' shares (done, failed, running, waiting). Use on the FX thread only.
 */
final class GridPainter {

    private static final Font TASK_FONT = Font.font(12);
    private static final Font TIME_FONT = Font.font(10);
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final double STATUS_MARK_HEIGHT = 6;
    /** Task names longer than this many characters are cut with an ellipsis: the band has a fixed width. */
    private static final int TASK_CHARACTERS = 30;

    /** Paints the view: {@code width} × {@code height} pixels of the grid scrolled by ({@code scrollX}, {@code scrollY}). */
    void paint(
            GraphicsContext context,
            GridMatrix matrix,
            double scrollX,
            double scrollY,
            double width,
            double height,
            DagPalette palette,
            int hoverRow,
            int hoverColumn) {
        context.setFill(palette.background());
        context.fillRect(0, 0, width, height);
        int rows = matrix.rowCount();
        int columns = matrix.columnCount();
        int firstRow = GridGeometry.firstRow(scrollY, rows);
        int lastRow = GridGeometry.lastRow(scrollY, height, rows);
        int firstColumn = GridGeometry.firstColumn(scrollX, columns);
        int lastColumn = GridGeometry.lastColumn(scrollX, width, columns);
        for (int row = firstRow; row <= lastRow; row++) {
            double y = GridGeometry.cellY(row, scrollY);
            boolean map = matrix.isMap(row);
            for (int column = firstColumn; column <= lastColumn; column++) {
                double x = GridGeometry.cellX(column, scrollX);
                NodeState state = matrix.state(row, column);
                if (state == null) {
                    context.setFill(palette.look(NodeState.PENDING).border());
                    context.fillRect(x + CELL_WIDTH / 2 - 2, y + CELL_HEIGHT / 2 - 1, 4, 2);
                } else if (map) {
                    paintItems(context, matrix.cell(row, column).orElseThrow(), state, x, y, palette);
                } else {
                    context.setFill(palette.look(state).fill());
                    context.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                }
            }
        }
        if (hoverRow >= firstRow && hoverRow <= lastRow && hoverColumn >= firstColumn && hoverColumn <= lastColumn) {
            context.setStroke(palette.selection());
            context.setLineWidth(2);
            context.strokeRect(
                    GridGeometry.cellX(hoverColumn, scrollX) - 2,
                    GridGeometry.cellY(hoverRow, scrollY) - 2,
                    CELL_WIDTH + 4,
                    CELL_HEIGHT + 4);
        }
        // the bands are painted over the cells that scrolled under them
        paintTasks(context, matrix, firstRow, lastRow, scrollY, height, palette);
        paintRuns(context, matrix, firstColumn, lastColumn, scrollX, width, palette);
    }

    /** A map task's cell: a bar per share of its items, from done at the bottom to waiting at the top. */
    private static void paintItems(
            GraphicsContext context, GridCellDto cell, NodeState state, double x, double y, DagPalette palette) {
        MapCountsDto items = cell.items();
        if (items == null || items.total() == 0) {
            context.setFill(palette.look(state).fill());
            context.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
            return;
        }
        double bottom = y + CELL_HEIGHT;
        bottom = share(
                context,
                items.done(),
                items.total(),
                palette.look(NodeState.SUCCESS).fill(),
                x,
                bottom);
        bottom = share(
                context,
                items.failed(),
                items.total(),
                palette.look(NodeState.FAILED).fill(),
                x,
                bottom);
        bottom = share(
                context,
                items.running(),
                items.total(),
                palette.look(NodeState.RUNNING).fill(),
                x,
                bottom);
        share(
                context,
                items.waiting(),
                items.total(),
                palette.look(NodeState.PENDING).border(),
                x,
                bottom);
    }

    private static double share(GraphicsContext context, int count, int total, Color colour, double x, double bottom) {
        if (count == 0) {
            return bottom;
        }
        double height = CELL_HEIGHT * count / total;
        context.setFill(colour);
        context.fillRect(x, bottom - height, CELL_WIDTH, height);
        return bottom - height;
    }

    private static void paintTasks(
            GraphicsContext context,
            GridMatrix matrix,
            int firstRow,
            int lastRow,
            double scrollY,
            double height,
            DagPalette palette) {
        context.setFill(palette.background());
        context.fillRect(0, COLUMN_HEADER_HEIGHT, ROW_HEADER_WIDTH, height - COLUMN_HEADER_HEIGHT);
        context.setFont(TASK_FONT);
        context.setTextAlign(TextAlignment.LEFT);
        context.setTextBaseline(VPos.CENTER);
        context.setFill(palette.selection());
        for (int row = firstRow; row <= lastRow; row++) {
            String name = matrix.task(row);
            if (name.length() > TASK_CHARACTERS) {
                name = name.substring(0, TASK_CHARACTERS - 1) + "…";
            }
            double y = GridGeometry.cellY(row, scrollY) + CELL_HEIGHT / 2;
            if (y > COLUMN_HEADER_HEIGHT) {
                context.fillText(matrix.isMap(row) ? name + "  [map]" : name, 12, y);
            }
        }
    }

    private static void paintRuns(
            GraphicsContext context,
            GridMatrix matrix,
            int firstColumn,
            int lastColumn,
            double scrollX,
            double width,
            DagPalette palette) {
        context.setFill(palette.background());
        context.fillRect(0, 0, width, COLUMN_HEADER_HEIGHT);
        context.setFill(palette.edge());
        context.setFont(TASK_FONT);
        context.setTextBaseline(VPos.BOTTOM);
        context.setTextAlign(TextAlignment.LEFT);
        context.fillText(
                matrix.columnCount() == 0 ? "no runs yet" : "tasks  ·  runs, newest first →",
                12,
                COLUMN_HEADER_HEIGHT - 6);
        context.setFont(TIME_FONT);
        context.setTextBaseline(VPos.CENTER);
        for (int column = firstColumn; column <= lastColumn; column++) {
            double x = GridGeometry.cellX(column, scrollX);
            if (x + CELL_WIDTH < ROW_HEADER_WIDTH) {
                continue;
            }
            context.setFill(palette.look(matrix.runState(column)).fill());
            context.fillRect(x, COLUMN_HEADER_HEIGHT - 4 - STATUS_MARK_HEIGHT, CELL_WIDTH, STATUS_MARK_HEIGHT);
            var logical = matrix.run(column).logicalTime();
            if (logical != null) {
                context.setFill(palette.selection());
                context.save();
                context.translate(x + CELL_WIDTH / 2, COLUMN_HEADER_HEIGHT - 8 - STATUS_MARK_HEIGHT);
                context.rotate(-90);
                context.fillText(HEADER_TIME.format(logical), 0, 0);
                context.restore();
            }
        }
    }
}
