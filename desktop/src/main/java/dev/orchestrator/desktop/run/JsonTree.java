package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A JSON value as tree items, made as they are expanded: a list of 100,000 values costs nothing until it is opened,
 * and then shows ranges ({@code [0 … 999]}) of at most {@value #FAN_OUT} children each, so no level holds more
 * than that many items.
 */
final class JsonTree {

    static final int FAN_OUT = 100;

    private JsonTree() {}

    /** The tree's root, expanded one level. */
    static TreeItem<String> root(JsonNode value) {
        TreeItem<String> root = item("output", value);
        root.setExpanded(true);
        return root;
    }

    static TreeItem<String> item(String name, JsonNode value) {
        if (value.isArray()) {
            return new Lazy(name + "  [" + value.size() + "]", value, 0, value.size());
        }
        if (value.isObject()) {
            return new Lazy(name + "  {" + value.size() + "}", value, 0, value.size());
        }
        return new TreeItem<>(name + ": " + (value.isTextual() ? "\"" + value.asText() + "\"" : value.toString()));
    }

    /** A list's elements {@code from} (inclusive) to {@code to} (exclusive), or an object's keys; children on demand. */
    private static final class Lazy extends TreeItem<String> {

        private final JsonNode value;
        private final int from;
        private final int to;
        private boolean built;

        Lazy(String text, JsonNode value, int from, int to) {
            super(text);
            this.value = value;
            this.from = from;
            this.to = to;
        }

        @Override
        public boolean isLeaf() {
            return to == from;
        }

        @Override
        public ObservableList<TreeItem<String>> getChildren() {
            if (!built) {
                built = true;
                super.getChildren().setAll(build());
            }
            return super.getChildren();
        }

        private List<TreeItem<String>> build() {
            List<TreeItem<String>> children = new ArrayList<>();
            if (value.isObject()) {
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    children.add(item(field.getKey(), field.getValue()));
                }
                return children;
            }
            int count = to - from;
            if (count <= FAN_OUT) {
                for (int i = from; i < to; i++) {
                    children.add(item("[" + i + "]", value.get(i)));
                }
                return children;
            }
            int step = FAN_OUT;
            while ((long) step * FAN_OUT < count) {
                step *= FAN_OUT;
            }
            for (int start = from; start < to; start += step) {
                int end = Math.min(to, start + step);
                children.add(new Lazy("[" + start + " … " + (end - 1) + "]", value, start, end));
            }
            return children;
        }
    }
}
