package dev.orchestrator.desktop.ui;

import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;

/**
 * How a row of a table is opened, the same in every table: a double-click on it, or Enter on the selected row.
 * A row may also be shown greyed ({@code :agent-down}), when the agent it comes from does not answer.
 */
public final class RowActivation {

    /** The pseudo-class of a row whose agent does not answer: what it shows is the last known data. */
    public static final PseudoClass AGENT_DOWN = PseudoClass.getPseudoClass("agent-down");

    private RowActivation() {}

    /** Opens a row of {@code table} with {@code open} on a double-click or on Enter; replaces its row factory. */
    public static <T> void install(TableView<T> table, Consumer<T> open) {
        install(table, open, item -> false);
    }

    /**
     * As {@link #install(TableView, Consumer)}, and greys the rows {@code down} holds for; call
     * {@code table.refresh()} when its answer may have changed.
     */
    public static <T> void install(TableView<T> table, Consumer<T> open, Predicate<T> down) {
        table.setRowFactory(view -> {
            TableRow<T> row = new TableRow<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(AGENT_DOWN, !empty && item != null && down.test(item));
                }
            };
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            T selected = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                open.accept(selected);
                event.consume();
            }
        });
    }
}
