package dev.orchestrator.desktop.ui;

import dev.orchestrator.desktop.format.Format;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** A table cell showing a run, task or pipeline state as a coloured badge ("failed", "paused", ...). */
public final class StateBadgeCell<T> extends TableCell<T, String> {

    private final java.util.function.UnaryOperator<String> styleOf;
    private final java.util.function.UnaryOperator<String> textOf;

    public StateBadgeCell() {
        this(java.util.function.UnaryOperator.identity(), Format::state);
    }

    /**
     * @param styleOf the state whose colours a value gets (a log level shown as a state, say)
     * @param textOf  what the badge says for a value
     */
    public StateBadgeCell(
            java.util.function.UnaryOperator<String> styleOf, java.util.function.UnaryOperator<String> textOf) {
        this.styleOf = styleOf;
        this.textOf = textOf;
    }

    @Override
    protected void updateItem(String state, boolean empty) {
        super.updateItem(state, empty);
        if (empty || state == null) {
            setGraphic(null);
            return;
        }
        Label badge = new Label(textOf.apply(state));
        badge.getStyleClass().add("badge");
        StateStyles.apply(badge, styleOf.apply(state));
        setGraphic(badge);
    }
}
