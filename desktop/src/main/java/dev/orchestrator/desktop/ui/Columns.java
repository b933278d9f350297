package dev.orchestrator.desktop.ui;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.TextAlignment;

/**
 * Table columns that stay readable in a narrow table (the dashboard's quarter-width tables at 1280×800): short
 * columns of a fixed width, one column (the name a user looks for) taking the width left, and cells whose whole text
 * is in a tooltip for when it is cut all the same.
 */
public final class Columns {

    /**
     * A run id's column: wide enough for the widest run id in the console's font at its default size. A run id's
     * random part is hexadecimal, and one of digits only (the widest glyphs) needs about 315 px with the cell's
     * padding; 290 px cut such ids at the end.
     */
    public static final double RUN_ID_WIDTH = 330;

    private Columns() {}

    /** A column of text, its cells with their whole text as a tooltip. */
    public static <T> TableColumn<T, String> text(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TooltipCell<>());
        return column;
    }

    /** The column keeps this width, whatever the table's. */
    public static <T, S> TableColumn<T, S> fixed(TableColumn<T, S> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    /**
     * The table's width left by its fixed columns goes to {@code filling} (give every other column
     * {@link #fixed}), and no column is wider than the table.
     */
    public static <T> void fill(TableView<T> table, TableColumn<T, ?> filling, double minWidth) {
        filling.setMinWidth(minWidth);
        filling.setPrefWidth(minWidth);
        filling.setMaxWidth(Double.MAX_VALUE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    }

    /** A table's placeholder whose text wraps in a narrow table rather than being cut. */
    public static Label placeholder(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setTextAlignment(TextAlignment.CENTER);
        label.setPadding(new Insets(0, 12, 0, 12));
        return label;
    }

    /**
     * A column of free text whose cells wrap it over as many lines as it needs (the row grows), whole text in a
     * tooltip as well: for a column too narrow for its longer texts in a table whose rows may grow.
     */
    public static <T> TableColumn<T, String> wrapping(TableColumn<T, String> column) {
        column.setCellFactory(c -> new WrappingCell<>());
        return column;
    }

    /**
     * A column whose cells show the first line of a text of several (an error's cause, then the command and its
     * stderr), marked by an ellipsis; the whole text is in the tooltip.
     */
    public static <T> TableColumn<T, String> firstLine(TableColumn<T, String> column) {
        column.setCellFactory(c -> new TooltipCell<>(Columns::firstLineOf));
        return column;
    }

    /** The text's first line, with " …" when more lines follow; null stays null. */
    public static String firstLineOf(String text) {
        int end = text == null ? -1 : text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
    }

    /** A cell of text with its whole text as a tooltip. */
    public static class TooltipCell<T> extends TableCell<T, String> {

        private final Tooltip tooltip = new Tooltip();
        private final UnaryOperator<String> shown;

        public TooltipCell() {
            this(UnaryOperator.identity());
        }

        /** @param shown what of the text the cell shows (the tooltip has it whole) */
        TooltipCell(UnaryOperator<String> shown) {
            this.shown = shown;
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty || text == null ? null : shown.apply(text));
            tooltip.setText(text);
            setTooltip(empty || text == null || text.isEmpty() ? null : tooltip);
        }
    }

    /**
     * A cell whose text wraps at its column's width. A table row asks its cells for their height without a width,
     * which to a label means one line: this cell answers for its column's width, so the row grows to every line.
     */
    static final class WrappingCell<T> extends TooltipCell<T> {

        WrappingCell() {
            setWrapText(true);
        }

        @Override
        protected double computePrefHeight(double width) {
            TableColumn<T, String> column = getTableColumn();
            return super.computePrefHeight(width < 0 && column != null ? column.getWidth() : width);
        }
    }
}
