package dev.orchestrator.desktop.graph;

/**
 * Which part of the graph a view shows: {@code local = graph * scale + translate}. Pure arithmetic, kept apart
 * from the view so zooming and fitting can be tested without a toolkit. Not thread-safe: owned by one view.
 */
final class Viewport {

    /** Never magnify beyond this: boxes would fill the screen and panning would lose its sense of place. */
    static final double MAX_SCALE = 4;
    /** A graph that fits at a larger scale is not blown up beyond its natural size by {@link #fit}. */
    static final double MAX_FIT_SCALE = 1;
    /** Above this, zooming out is limited only relative to the scale that fits the graph. */
    private static final double MIN_SCALE_CEILING = 0.25;

    private double scale = 1;
    private double translateX;
    private double translateY;
    private double minScale = MIN_SCALE_CEILING;

    double scale() {
        return scale;
    }

    double translateX() {
        return translateX;
    }

    double translateY() {
        return translateY;
    }

    double toLocalX(double graphX) {
        return graphX * scale + translateX;
    }

    double toLocalY(double graphY) {
        return graphY * scale + translateY;
    }

    double toGraphX(double localX) {
        return (localX - translateX) / scale;
    }

    double toGraphY(double localY) {
        return (localY - translateY) / scale;
    }

    void panBy(double deltaX, double deltaY) {
        translateX += deltaX;
        translateY += deltaY;
    }

    /**
     * Multiplies the scale by {@code factor} (clamped to the allowed range) while the graph point under
     * ({@code localX}, {@code localY}) stays where it is, as zooming around the mouse pointer expects.
     *
     * @return whether anything changed
     */
    boolean zoomAt(double factor, double localX, double localY) {
        double newScale = Math.max(minScale, Math.min(MAX_SCALE, scale * factor));
        if (newScale == scale) {
            return false;
        }
        double graphX = toGraphX(localX);
        double graphY = toGraphY(localY);
        scale = newScale;
        translateX = localX - graphX * scale;
        translateY = localY - graphY * scale;
        return true;
    }

    /**
     * Shows the whole graph centred in a view of the given size, leaving {@code margin} on every side, at no
     * more than natural size. Zooming out then stops at half the fitting scale, so a huge graph can still be
     * seen whole but not lost as a speck.
     */
    void fit(double graphWidth, double graphHeight, double viewWidth, double viewHeight, double margin) {
        double usableWidth = Math.max(1, viewWidth - 2 * margin);
        double usableHeight = Math.max(1, viewHeight - 2 * margin);
        double fitScale = MAX_FIT_SCALE;
        if (graphWidth > 0 && graphHeight > 0) {
            fitScale = Math.min(MAX_FIT_SCALE, Math.min(usableWidth / graphWidth, usableHeight / graphHeight));
        }
        minScale = Math.min(MIN_SCALE_CEILING, fitScale / 2);
        scale = fitScale;
        translateX = (viewWidth - graphWidth * scale) / 2;
        translateY = (viewHeight - graphHeight * scale) / 2;
    }
}
