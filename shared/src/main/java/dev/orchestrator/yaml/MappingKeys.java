package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML mapping, taken once when a {@link MappingReader} is made: {@code <<} merges filled in
 * under the explicit keys, and every key that is not text, appears twice, or is not part of the format
 * reported. Not thread-safe: one instance per mapping.
 */
final class MappingKeys {

    /** Keys starting with this prefix are free for user annotations. */
    static final String EXTENSION_PREFIX = "x-";

    private final BindContext context;
    private final String owner;
    private final Set<String> allowedKeys;
    private final BiConsumer<String, Node> keyTaken;
    private final Map<String, Node> entries = new LinkedHashMap<>();

    private MappingKeys(BindContext context, String owner, Set<String> allowedKeys, BiConsumer<String, Node> keyTaken) {
        this.context = context;
        this.owner = owner;
        this.allowedKeys = allowedKeys;
        this.keyTaken = keyTaken;
    }

    /**
     * Each key's value node, in the file's order.
     *
     * @param owner how messages name the mapping, for example {@code task 'load'}
     * @param allowedKeys the keys of this part of the format; null allows any key (free-form mappings)
     * @param keyTaken told of each key taken and the node that spells it, to record its position
     */
    static Map<String, Node> of(
            BindContext context,
            MappingNode node,
            String owner,
            Set<String> allowedKeys,
            BiConsumer<String, Node> keyTaken) {
        MappingKeys keys = new MappingKeys(context, owner, allowedKeys, keyTaken);
        keys.collect(node.getValue(), true);
        return keys.entries;
    }

    private void collect(List<NodeTuple> tuples, boolean explicit) {
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : tuples) {
            Node keyNode = tuple.getKeyNode();
            if (Tag.MERGE.equals(keyNode.getTag())) {
                merges.add(tuple.getValueNode());
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                context.report(
                        keyNode,
                        DiagnosticCode.WRONG_TYPE,
                        "a key in " + owner + " is " + YamlValues.describe(keyNode) + ", not text",
                        "keys are plain words such as 'id' or 'tasks'");
                continue;
            }
            String key = scalarKey.getValue();
            if (entries.containsKey(key)) {
                if (explicit) {
                    Position first = context.at(entries.get(key));
                    context.report(
                            keyNode,
                            DiagnosticCode.DUPLICATE_KEY,
                            "key '" + key + "' appears twice in " + owner + " (first value at line " + first.line()
                                    + ")",
                            "remove one of them; only one value can apply");
                }
                continue;
            }
            if (allowedKeys != null && !allowedKeys.contains(key) && !key.startsWith(EXTENSION_PREFIX)) {
                String suggestion = Suggestions.didYouMean(key, suggestible(allowedKeys, tuple.getValueNode()));
                context.report(
                        keyNode,
                        DiagnosticCode.UNKNOWN_KEY,
                        "unknown key '" + key + "' in " + owner + (suggestion == null ? "" : "; " + suggestion),
                        "allowed keys: " + allowedKeys.stream().sorted().collect(Collectors.joining(", "))
                                + "; keys starting with 'x-' are free for your own notes");
            }
            entries.put(key, tuple.getValueNode());
            keyTaken.accept(key, keyNode);
        }
        for (Node merge : merges) {
            // "<<: *defaults" and "<<: [*a, *b]": explicit keys win, merged ones fill the gaps
            List<Node> sources = merge instanceof SequenceNode sequence ? sequence.getValue() : List.of(merge);
            for (Node source : sources) {
                if (source instanceof MappingNode mapping) {
                    collect(mapping.getValue(), false);
                } else {
                    context.report(
                            source,
                            DiagnosticCode.WRONG_TYPE,
                            "'<<' in " + owner + " merges " + YamlValues.describe(source) + ", not a mapping",
                            "merge an anchored mapping: '<<: *defaults'");
                }
            }
        }
    }

    /**
     * The keys worth suggesting for a misspelt key with this value: a single value is no schedule of delays, so
     * {@code delay: 5} suggests {@code delay_seconds}, not {@code delays}.
     */
    private static Set<String> suggestible(Set<String> allowedKeys, Node value) {
        if (value instanceof SequenceNode || !allowedKeys.containsAll(FormatKeys.LIST_ONLY)) {
            return allowedKeys;
        }
        Set<String> keys = new java.util.HashSet<>(allowedKeys);
        keys.removeAll(FormatKeys.LIST_ONLY);
        return keys;
    }
}
