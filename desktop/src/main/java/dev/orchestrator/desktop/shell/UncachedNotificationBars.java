package dev.orchestrator.desktop.shell;

import javafx.scene.Node;
import javafx.stage.Popup;
import javafx.stage.Window;

/**
 * Keeps ControlsFX's notification popups from caching themselves as a bitmap (issue 22). Its bar turns its bitmap
 * cache on as it slides in and, at the end of the slide, turns off another node's (its inner pane's): the bar stays
 * cached, and when its popup closes the bitmap is never given back to JavaFX's effect image pool, which then holds it
 * as in use for as long as the console runs. A popup of a failed run, every few seconds on a busy agent, left about
 * 200 KB behind. The bar's slide is as smooth without the cache (a small node, drawn anew each frame).
 */
final class UncachedNotificationBars {

    private static final String WATCHED = UncachedNotificationBars.class.getName();

    private UncachedNotificationBars() {}

    /** On the FX thread, right after a notification was shown: its bar, and every other one showing, uncached. */
    static void uncache() {
        for (Window window : Window.getWindows()) {
            if (window instanceof Popup popup) {
                popup.getContent().stream()
                        .filter(node -> node.getStyleClass().contains("notification-bar"))
                        .forEach(UncachedNotificationBars::keepUncached);
            }
        }
    }

    private static void keepUncached(Node bar) {
        if (bar.getProperties().putIfAbsent(WATCHED, true) != null) {
            return;
        }
        bar.setCache(false);
        bar.cacheProperty().addListener((observable, was, cached) -> {
            if (cached) {
                bar.setCache(false); // the slide turning it on
            }
        });
    }
}
