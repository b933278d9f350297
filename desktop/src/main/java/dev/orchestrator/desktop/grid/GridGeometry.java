package dev.orchestrator.desktop.grid;

/**
 * Where the grid's parts are on the canvas, and which cell is under a point: pure arithmetic, kept apart from the
 * canvas so that culling and hit tests are tested without a toolkit. The task names take a fixed band on the left,
 * the runs' times a fixed band on top; the cells scroll under both.
 */
final class GridGeometry {

    static final double ROW_HEADER_WIDTH = 240;
    static final double COLUMN_HEADER_HEIGHT = 100;
    static final double COLUMN_PITCH = 18;
    static final double CELL_WIDTH = 14;
    static final double ROW_PITCH = 24;
    static final double CELL_HEIGHT = 18;
    /** Free space after the last row and column, so the last cell does not touch the scroll bars. */
    static final double END_PADDING = 8;

    private GridGeometry() {}

    static double contentWidth(int columns) {
        return columns * COLUMN_PITCH + END_PADDING;
    }

    static double contentHeight(int rows) {
        return rows * ROW_PITCH + END_PADDING;
    }

    /** How far the cells can scroll sideways in a view this wide. */
    static double maxScrollX(int columns, double viewWidth) {
        return Math.max(0, contentWidth(columns) - (viewWidth - ROW_HEADER_WIDTH));
    }

    static double maxScrollY(int rows, double viewHeight) {
        return Math.max(0, contentHeight(rows) - (viewHeight - COLUMN_HEADER_HEIGHT));
    }

    static double cellX(int column, double scrollX) {
        return ROW_HEADER_WIDTH + column * COLUMN_PITCH - scrollX;
    }

    static double cellY(int row, double scrollY) {
        return COLUMN_HEADER_HEIGHT + row * ROW_PITCH - scrollY;
    }

    /** The first column any part of which shows. */
    static int firstColumn(double scrollX, int columns) {
        return Math.min(columns, Math.max(0, (int) Math.floor(scrollX / COLUMN_PITCH)));
    }

    /** The last column any part of which shows, or {@code firstColumn - 1} when none does. */
    static int lastColumn(double scrollX, double viewWidth, int columns) {
        return Math.min(columns - 1, (int) Math.floor((scrollX + viewWidth - ROW_HEADER_WIDTH) / COLUMN_PITCH));
    }

    static int firstRow(double scrollY, int rows) {
        return Math.min(rows, Math.max(0, (int) Math.floor(scrollY / ROW_PITCH)));
    }

    static int lastRow(double scrollY, double viewHeight, int rows) {
        return Math.min(rows - 1, (int) Math.floor((scrollY + viewHeight - COLUMN_HEADER_HEIGHT) / ROW_PITCH));
    }

    /** The column whose cell is under {@code x}, or -1 (over the task names, or past the last run). */
    static int columnAt(double x, double scrollX, int columns) {
        if (x < ROW_HEADER_WIDTH) {
            return -1;
        }
        double offset = x - ROW_HEADER_WIDTH + scrollX;
        int column = (int) Math.floor(offset / COLUMN_PITCH);
        return column < columns && offset - column * COLUMN_PITCH <= CELL_WIDTH ? column : -1;
    }

    /** The row whose cell is under {@code y}, or -1 (over the runs' times, or past the last task). */
    static int rowAt(double y, double scrollY, int rows) {
        if (y < COLUMN_HEADER_HEIGHT) {
            return -1;
        }
        double offset = y - COLUMN_HEADER_HEIGHT + scrollY;
        int row = (int) Math.floor(offset / ROW_PITCH);
        return row < rows && offset - row * ROW_PITCH <= CELL_HEIGHT ? row : -1;
    }
}
