package dev.orchestrator.desktop.ui;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;

/**
 * Run and task states as style classes ({@code state-success}, {@code state-failed}, ...), coloured in
 * {@code console.css} from the theme's own palette so they read well in light and dark.
 */
public final class StateStyles {

    private static final List<String> ALL = List.of(
            "pending",
            "queued",
            "running",
            "success",
            "failed",
            "retrying",
            "skipped",
            "upstream_failed",
            "cancelled",
            "timeout",
            "crashed",
            "waiting",
            "paused",
            "active",
            "stale");

    private StateStyles() {}

    public static String styleClass(String state) {
        return "state-"
                + (state == null ? "pending" : state.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Puts the state's class on the node, removing any other state's. */
    public static void apply(Node node, String state) {
        node.getStyleClass().removeIf(name -> name.startsWith("state-"));
        node.getStyleClass().add(styleClass(state));
    }

    /** A failure of some kind: failed, timeout, crashed, upstream failed. */
    public static boolean isFailure(String state) {
        return state != null
                && List.of("failed", "timeout", "crashed", "upstream_failed").contains(state);
    }

    static List<String> all() {
        return ALL;
    }
}
