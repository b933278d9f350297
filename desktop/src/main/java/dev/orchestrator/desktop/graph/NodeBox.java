package dev.orchestrator.desktop.graph;

import java.util.Objects;

/** Where a node's box lies, in graph coordinates. */
public record NodeBox(String id, String label, double x, double y, double width, double height) {

    public NodeBox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public boolean contains(double pointX, double pointY) {
        return pointX >= x && pointX <= maxX() && pointY >= y && pointY <= maxY();
    }

    /** True if the two boxes share some area; boxes that merely touch do not overlap. */
    public boolean overlaps(NodeBox other) {
        return x < other.maxX() && other.x < maxX() && y < other.maxY() && other.y < maxY();
    }
}
