package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Position;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks, before anything is bound, that a composed document is small enough to read: no single value is
 * longer than {@link PipelineLoader#MAX_VALUE_CHARS}, and its aliases do not expand it beyond
 * {@link PipelineLoader#MAX_EXPANDED_VALUES} values. The composed graph shares each anchored node however often
 * it is aliased, so a file of a few hundred bytes ("billion laughs") composes quickly; the readers of the
 * format walk it expanded, which is where such a file would take gigabytes. The count here visits each distinct
 * node once. Not thread-safe: one instance per document.
 */
final class NodeBudget {

    private static final long SATURATED = Long.MAX_VALUE / 4;

    private final String file;
    private final IdentityHashMap<Node, Long> expandedSize = new IdentityHashMap<>();
    private final Set<Node> walking = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Node recursive;

    NodeBudget(String file) {
        this.file = file;
    }

    /** @return true when the document may be bound; otherwise its problems are reported */
    boolean check(Node root, Diagnostics diagnostics) {
        List<ScalarNode> tooLong = new ArrayList<>();
        long total = size(root, tooLong);
        for (ScalarNode scalar : tooLong) {
            diagnostics.report(
                    at(scalar),
                    DiagnosticCode.VALUE_TOO_LONG,
                    "this value is "
                            + TextSizes.describeSize(scalar.getValue().length()) + " long; a single value is at most "
                            + TextSizes.describeSize(PipelineLoader.MAX_VALUE_CHARS),
                    "keep large data out of the pipeline file: put it in a file that a task reads "
                            + "(csv_file, a script) and pass its path");
        }
        if (recursive != null) {
            diagnostics.report(
                    at(recursive),
                    DiagnosticCode.ALIAS_EXPANSION,
                    "this " + kind(recursive) + " contains an alias of itself, so it never ends",
                    "refer to an anchor only after the anchored value has ended");
        } else if (total > PipelineLoader.MAX_EXPANDED_VALUES) {
            Node culprit = smallestOverBudget(root);
            diagnostics.report(
                    at(culprit),
                    DiagnosticCode.ALIAS_EXPANSION,
                    "with its aliases expanded, this "
                            + kind(culprit) + " holds " + count(expandedSize.get(culprit)) + " values and the file "
                            + count(total) + "; a file holds at most " + count(PipelineLoader.MAX_EXPANDED_VALUES),
                    "aliases (*name) repeat the anchored value in full each time: alias lists and mappings that "
                            + "hold aliases themselves sparingly, or write the values out");
        }
        return tooLong.isEmpty() && recursive == null && total <= PipelineLoader.MAX_EXPANDED_VALUES;
    }

    /** How many nodes the node stands for once every alias in it is expanded, saturating. */
    private long size(Node node, List<ScalarNode> tooLong) {
        Long known = expandedSize.get(node);
        if (known != null) {
            return known;
        }
        if (node instanceof ScalarNode scalar) {
            if (scalar.getValue().length() > PipelineLoader.MAX_VALUE_CHARS) {
                tooLong.add(scalar);
            }
            expandedSize.put(node, 1L);
            return 1;
        }
        if (!walking.add(node)) {
            if (recursive == null) {
                recursive = node;
            }
            return SATURATED;
        }
        long total = 1;
        for (Node child : children(node)) {
            total = Math.min(SATURATED, total + size(child, tooLong));
        }
        walking.remove(node);
        expandedSize.put(node, total);
        return total;
    }

    /** From the root down, the largest child over the budget, until no child alone is: where the growth is. */
    private Node smallestOverBudget(Node root) {
        Node current = root;
        while (true) {
            Node largest = null;
            for (Node child : children(current)) {
                if (expandedSize.getOrDefault(child, 0L) > PipelineLoader.MAX_EXPANDED_VALUES
                        && (largest == null || expandedSize.get(child) > expandedSize.get(largest))) {
                    largest = child;
                }
            }
            if (largest == null) {
                return current;
            }
            current = largest;
        }
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (node instanceof MappingNode mapping) {
            List<Node> children = new ArrayList<>(mapping.getValue().size() * 2);
            for (NodeTuple tuple : mapping.getValue()) {
                children.add(tuple.getKeyNode());
                children.add(tuple.getValueNode());
            }
            return children;
        }
        return List.of();
    }

    private Position at(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? Position.startOf(file) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private static String count(long value) {
        return value >= SATURATED
                ? "more than " + String.format(java.util.Locale.ROOT, "%,d", Long.MAX_VALUE / 4)
                : String.format(java.util.Locale.ROOT, "%,d", value);
    }
}
