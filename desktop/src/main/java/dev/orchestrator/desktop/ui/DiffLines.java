package dev.orchestrator.desktop.ui;

import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * A unified diff ({@code diff -u}) one line a row, in a fixed-width font: added lines in the theme's success colour,
 * removed ones in its danger colour, the {@code @@} headers muted ({@code console.css}). Any other text shows plain.
 */
public final class DiffLines extends ListView<String> {

    private static final List<String> KINDS = List.of("diff-added", "diff-removed", "diff-hunk", "diff-file");

    /** @param empty what shows when there is no diff */
    public DiffLines(String empty) {
        getStyleClass().add("diff-lines");
        setFixedCellSize(20); // a diff reads as a text: lines close together
        setPlaceholder(Columns.placeholder(empty)); // wrapped in a narrow pane, not cut
        setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean blank) {
                super.updateItem(line, blank);
                getStyleClass().removeAll(KINDS);
                setText(blank || line == null ? null : line);
                if (!blank && line != null) {
                    String kind = kindOf(line);
                    if (kind != null) {
                        getStyleClass().add(kind);
                    }
                }
            }
        });
    }

    /** Shows this text, one row per line; none for an empty text. */
    public void show(String text) {
        getItems()
                .setAll(
                        text == null || text.isEmpty()
                                ? List.of()
                                : text.lines().toList());
    }

    static String kindOf(String line) {
        if (line.startsWith("+++ ") || line.startsWith("--- ")) {
            return "diff-file";
        }
        if (line.startsWith("@@")) {
            return "diff-hunk";
        }
        if (line.startsWith("+")) {
            return "diff-added";
        }
        return line.startsWith("-") ? "diff-removed" : null;
    }
}
