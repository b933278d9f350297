package dev.orchestrator.desktop.ui;

import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * A ScrollPane's look without the bitmap cache JavaFX's own gives its viewport (issue 22). That cache takes a bitmap
 * (the viewport's size, a megabyte or more) from JavaFX's effect image pool and gives it back only when the viewport
 * is redrawn or uncached, never when the scroll pane is thrown away: the pool then holds it as in use for as long as
 * the console runs (through a soft reference it touches at every later check-out, so no GC frees it). The console
 * throws scroll panes away all the time: each run opened builds a new run screen with four of them. Without the cache
 * a scroll pane redraws what it shows when scrolled, as the lists and tables do anyway. The console's style sheet
 * gives this skin to every scroll pane ({@code -fx-skin}), also those inside text areas.
 */
public final class UncachedScrollPaneSkin extends ScrollPaneSkin {

    public UncachedScrollPaneSkin(ScrollPane scrollPane) {
        super(scrollPane);
        getChildren().stream()
                .filter(child -> child.getStyleClass().contains("viewport"))
                .forEach(viewport -> viewport.setCache(false));
    }
}
