package dev.orchestrator.yaml;

import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small facts about YAML nodes, for messages and scalar typing. */
final class YamlValues {

    private YamlValues() {}

    /** How a value reads in a message: {@code a list}, {@code the number 5}, {@code the text 'abc'}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return "an empty value";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + scalar.getValue();
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + scalar.getValue();
        }
        return "the text '" + abbreviate(scalar.getValue()) + "'";
    }

    /** The plain {@code id:} of a mapping before it is bound, to name it in messages; empty if it has none. */
    static java.util.Optional<String> idOf(MappingNode mapping) {
        for (var tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key
                    && "id".equals(key.getValue())
                    && tuple.getValueNode() instanceof ScalarNode value
                    && !value.getValue().isBlank()) {
                return java.util.Optional.of(value.getValue());
            }
        }
        return java.util.Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** YAML 1.1 booleans, which the Python original accepted, in any case. */
    static Boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> Boolean.TRUE;
            case "false", "no", "off", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A whole number in decimal (underscores allowed), or null. */
    static Long parseLong(String text) {
        String digits = text.strip().replace("_", "");
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseLong(digits.substring(2), 16);
            }
            return Long.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finite decimal number, or null. */
    static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text.strip().replace("_", ""));
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
