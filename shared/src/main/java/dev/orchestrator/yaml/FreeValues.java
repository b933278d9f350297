package dev.orchestrator.yaml;

import dev.orchestrator.model.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns free-form YAML ({@code action_kwargs}, {@code connector_config}, {@code params}) into plain Java values:
 * maps keep file order, whole numbers become {@code Integer} or {@code Long}, decimals {@code Double}, booleans
 * {@code Boolean}, empty values {@code null}, everything else text with {@code ${VAR}} resolved. A value with a
 * reference is always text, whatever the variable holds: the environment never decides a value's type.
 */
final class FreeValues {

    private final BindContext context;
    private final PositionRecorder positions;

    FreeValues(BindContext context, PositionRecorder positions) {
        this.context = context;
        this.positions = positions;
    }

    Map<String, Object> mapping(MappingNode node, String path, String owner) {
        MappingReader reader = new MappingReader(context, positions, node, path, owner, null);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : reader.keys()) {
            Node value = reader.node(key).orElse(null);
            values.put(key, value == null ? null : value(value, reader.childPath(key), owner));
        }
        return values;
    }

    /** Any free-form value: a mapping, a list or a scalar, with the positions of everything inside. */
    Object value(Node node, String path, String owner) {
        positions.value(path, context.at(node));
        if (node instanceof MappingNode mapping) {
            return mapping(mapping, path, owner);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>(sequence.getValue().size());
            List<Node> elements = sequence.getValue();
            for (int i = 0; i < elements.size(); i++) {
                items.add(value(elements.get(i), SourceMap.item(path, i), owner));
            }
            return items;
        }
        return scalar((ScalarNode) node);
    }

    private Object scalar(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String raw = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            Boolean bool = YamlValues.parseBoolean(raw);
            return bool != null ? bool : raw;
        }
        if (Tag.INT.equals(tag)) {
            Long number = YamlValues.parseLong(raw);
            if (number == null) {
                return raw; // hex, octal or sexagesimal forms stay as written
            }
            return number == number.intValue() ? (Object) number.intValue() : number;
        }
        if (Tag.FLOAT.equals(tag)) {
            Double number = YamlValues.parseDouble(raw);
            return number != null ? number : raw;
        }
        return context.text(scalar);
    }
}
