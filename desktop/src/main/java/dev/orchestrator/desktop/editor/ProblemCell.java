package dev.orchestrator.desktop.editor;

import dev.orchestrator.diagnostic.Diagnostic;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;

/**
 * A problem of the editor's list: line, column, code and message, errors in the theme's danger colour, a long message
 * wrapped over as many lines as it needs at the list's width (a side pane of the editor, narrow at 1280×800) rather
 * than cut or pushing the list into scrolling sideways.
 */
final class ProblemCell extends ListCell<Diagnostic> {

    /** Measures how many lines the message takes at the row's width: a text node never shown. */
    private final Text measure = new Text();

    ProblemCell() {
        setWrapText(true);
        setPrefWidth(0); // no wider than the list: the list then gives the row its own width
    }

    @Override
    protected void updateItem(Diagnostic diagnostic, boolean empty) {
        super.updateItem(diagnostic, empty);
        getStyleClass().removeAll("error-text");
        if (empty || diagnostic == null) {
            setText(null);
            return;
        }
        setText(diagnostic.line() + ":" + diagnostic.column() + "  " + diagnostic.code() + "  " + diagnostic.message());
        if (diagnostic.isError()) {
            getStyleClass().add("error-text");
        }
    }

    /**
     * The theme gives a list's rows one height ({@code -fx-cell-size}), which the list's skin answers whatever the
     * text: a row of a message of several lines asks for that height and as many lines more. The list may ask
     * without a width: the row then answers for the width it has (the list's, before its first layout).
     */
    @Override
    protected double computePrefHeight(double width) {
        double oneLine = super.computePrefHeight(width);
        String text = getText();
        if (text == null || text.isEmpty()) {
            return oneLine;
        }
        ListView<Diagnostic> list = getListView();
        double listWidth = list == null ? 0 : list.getWidth() - list.snappedLeftInset() - list.snappedRightInset();
        double rowWidth = width >= 0 ? width : getWidth() > 0 ? getWidth() : listWidth;
        measure.setFont(getFont());
        measure.setText(text);
        measure.setWrappingWidth(0);
        double single = measure.getLayoutBounds().getHeight();
        measure.setWrappingWidth(Math.max(1, rowWidth - snappedLeftInset() - snappedRightInset()));
        return oneLine + Math.ceil(measure.getLayoutBounds().getHeight() - single);
    }
}
