package dev.orchestrator.agent.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the route of a request by walking its path one segment at a time down a tree of the routes' templates: a
 * literal segment ({@code runs}) before a parameter ({@code {run_id}}), so {@code /api/v1/runs/export.csv} is the
 * export, not the run {@code export.csv}, whatever order the routes came in. A lookup costs the path's length, not
 * the number of routes. Every route but a public one must declare the role it needs ({@link Route#requires}).
 * Immutable once built; thread-safe.
 */
final class Router {

    /** What a path and a method lead to: a route and its path parameters, or why there is none. */
    sealed interface Lookup permits Found, WrongMethod, NoRoute {}

    record Found(Route route, Map<String, String> pathParameters) implements Lookup {}

    /** Routes exist for the path, none for the method. */
    record WrongMethod() implements Lookup {}

    record NoRoute() implements Lookup {}

    private final Node root = new Node();

    Router(List<Route> routes) {
        for (Route route : routes) {
            if (!route.public_() && route.role().isEmpty()) {
                throw new IllegalArgumentException(route + " declares no role: add .requires(Role.VIEWER) (reads), "
                        + "OPERATOR, EDITOR or ADMIN where the route is declared");
            }
            Node node = root;
            List<String> names = new ArrayList<>();
            for (String segment : segments(route.template())) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    names.add(segment.substring(1, segment.length() - 1));
                    if (node.parameter == null) {
                        node.parameter = new Node();
                    }
                    node = node.parameter;
                } else {
                    node = node.literals.computeIfAbsent(segment, literal -> new Node());
                }
            }
            // the first of two routes for one method and template answers, as when routes were tried in turn
            node.byMethod.putIfAbsent(route.method(), new Endpoint(route, List.copyOf(names)));
        }
    }

    /** @param path decoded, as the server hands it over */
    Lookup find(String method, String path) {
        List<String> segments = segments(path);
        List<String> values = new ArrayList<>(4);
        Node node = match(root, segments, 0, values, method);
        if (node == null) {
            return match(root, segments, 0, new ArrayList<>(4), null) == null ? new NoRoute() : new WrongMethod();
        }
        Endpoint endpoint = node.byMethod.get(method);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < endpoint.parameterNames().size(); i++) {
            parameters.put(endpoint.parameterNames().get(i), values.get(i));
        }
        return new Found(endpoint.route(), parameters);
    }

    /**
     * The node the path leads to that has a route for {@code method} (any route when null), a literal tried before
     * a parameter, collecting the parameters' values on the way.
     */
    private static Node match(Node node, List<String> segments, int index, List<String> values, String method) {
        if (index == segments.size()) {
            return (method == null ? !node.byMethod.isEmpty() : node.byMethod.containsKey(method)) ? node : null;
        }
        String segment = segments.get(index);
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Node found = match(literal, segments, index + 1, values, method);
            if (found != null) {
                return found;
            }
        }
        // a parameter takes one whole segment, never an empty one (as the regular expressions before did)
        if (node.parameter != null && !segment.isEmpty()) {
            values.add(segment);
            Node found = match(node.parameter, segments, index + 1, values, method);
            if (found != null) {
                return found;
            }
            values.remove(values.size() - 1);
        }
        return null;
    }

    /** {@code /a/b/} is ["", "a", "b", ""]: a trailing slash is a segment of its own, so it matches no template. */
    private static List<String> segments(String path) {
        return List.of(path.split("/", -1));
    }

    private record Endpoint(Route route, List<String> parameterNames) {}

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node parameter;
        final Map<String, Endpoint> byMethod = new HashMap<>();
    }
}
