package dev.orchestrator.desktop.graph;

import java.util.Objects;
import javafx.scene.paint.Color;

/** How a node in one state is drawn: its fill, its border, its label, and the kind of border. */
public record NodeLook(Color fill, Color border, Color text, Outline outline) {

    /** Active states get a border one notices at a glance, so a running task stands out in a large graph. */
    public enum Outline {
        THIN,
        BOLD,
        DASHED
    }

    public NodeLook {
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(border, "border");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outline, "outline");
    }

    static NodeLook of(String fill, String border, String text, Outline outline) {
        return new NodeLook(Color.web(fill), Color.web(border), Color.web(text), outline);
    }
}
