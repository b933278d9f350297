package dev.orchestrator.desktop.graph;

import java.util.List;
import java.util.Objects;

/**
 * The path of one edge in graph coordinates: where it leaves {@code from}'s box, its bend points, and where it
 * reaches {@code to}'s box (the tip of the arrow). Always at least two points.
 */
public record EdgeRoute(String from, String to, List<RoutePoint> points) {

    public EdgeRoute {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("The route of edge " + from + " -> " + to + " has " + points.size()
                    + " point(s); a route needs at least its start and its end.");
        }
    }

    public RoutePoint start() {
        return points.get(0);
    }

    public RoutePoint end() {
        return points.get(points.size() - 1);
    }
}
