package dev.orchestrator.desktop.shell;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** A table cell showing a run, task or pipeline state as a coloured badge ("failed", "paused", ...). */
public final class StateBadgeCell<T> extends TableCell<T, String> {

    @Override
    protected void updateItem(String state, boolean empty) {
        super.updateItem(state, empty);
        if (empty || state == null) {
            setGraphic(null);
            return;
        }
        Label badge = new Label(Format.state(state));
        badge.getStyleClass().add("badge");
        StateStyles.apply(badge, state);
        setGraphic(badge);
    }
}
