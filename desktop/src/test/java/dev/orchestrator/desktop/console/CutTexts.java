package dev.orchestrator.desktop.console;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * The texts a user sees cut: labels, buttons and table cells under a node whose skin shows less than their text (an
 * ellipsis in its place). JavaFX 21 has no {@code isTextTruncated}: the skin's own {@link Text} child holds what is
 * drawn, which differs from the control's text exactly when it was clipped. A table's cell is named by its column.
 * Call on the FX thread, after layout.
 */
final class CutTexts {

    private CutTexts() {}

    /** Each cut text under {@code root}, as {@code id-or-class: "whole text" shown as "drawn text"}. */
    static List<String> under(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled
                && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
            String drawn = drawn(labeled);
            if (drawn != null && !drawn.equals(labeled.getText())) {
                cut.add(name(labeled) + ": \"" + labeled.getText() + "\" shown as \"" + drawn + "\"");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    private static String drawn(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    private static String name(Labeled labeled) {
        if (labeled instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableColumn() != null) {
            return "column " + cell.getTableColumn().getText();
        }
        if (labeled.getId() != null) {
            return "#" + labeled.getId();
        }
        return labeled.getClass().getSimpleName() + labeled.getStyleClass();
    }
}
