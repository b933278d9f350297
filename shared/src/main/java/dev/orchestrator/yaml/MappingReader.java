package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.YamlName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML mapping of the pipeline format: reports duplicate and unknown keys when created, then hands
 * out typed values, reporting each wrong type or out-of-range number at the value and recording every
 * position it reads. A getter that finds a bad value reports it and returns the default, so binding always
 * goes on and every problem of a file is found in one pass. Not thread-safe.
 */
final class MappingReader {

    private final BindContext context;
    private final PositionRecorder positions;
    private final MappingNode node;
    private final String path;
    private final String owner;
    private final Map<String, Node> entries;
    // each key's path is built once: the same String instance hashes once however often it is recorded
    private final Map<String, String> childPaths = new java.util.HashMap<>();

    /**
     * @param owner how messages name this mapping, for example {@code task 'load'}
     * @param allowedKeys the keys of this part of the format; null allows any key (free-form mappings)
     */
    MappingReader(
            BindContext context,
            PositionRecorder positions,
            MappingNode node,
            String path,
            String owner,
            Set<String> allowedKeys) {
        this.context = context;
        this.positions = positions;
        this.node = node;
        this.path = path;
        this.owner = owner;
        positions.value(path, context.at(node));
        this.entries = MappingKeys.of(
                context,
                node,
                owner,
                allowedKeys,
                (key, keyNode) -> positions.key(childPath(key), context.at(keyNode)));
    }

    String path() {
        return path;
    }

    String childPath(String key) {
        return childPaths.computeIfAbsent(key, name -> SourceMap.child(path, name));
    }

    String owner() {
        return owner;
    }

    Position position() {
        return context.at(node);
    }

    boolean has(String key) {
        Node value = entries.get(key);
        return value != null && !YamlValues.isNull(value);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** The raw node of a key (null values included), recording its position. */
    Optional<Node> node(String key) {
        Node value = entries.get(key);
        if (value != null) {
            positions.value(childPath(key), context.at(value));
        }
        return Optional.ofNullable(value).filter(present -> !YamlValues.isNull(present));
    }

    Optional<String> string(String key) {
        return node(key).flatMap(value -> asText(value, key));
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** A required text value; reports it missing at the mapping. */
    Optional<String> requiredString(String key, String hint) {
        if (!entries.containsKey(key) || YamlValues.isNull(entries.get(key))) {
            context.diagnostics()
                    .report(context.at(node), DiagnosticCode.MISSING_KEY, owner + " has no '" + key + "'", hint);
            node(key);
            return Optional.empty();
        }
        return string(key).filter(text -> {
            if (text.isBlank()) {
                context.report(
                        entries.get(key), DiagnosticCode.MISSING_KEY, "'" + key + "' of " + owner + " is empty", hint);
                return false;
            }
            return true;
        });
    }

    /** A whole number in {@code [min, max]}. */
    Optional<Integer> integer(String key, int min, int max) {
        return node(key).flatMap(value -> {
            Optional<String> text = asText(value, key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Long number = YamlValues.parseLong(text.get());
            if (number == null) {
                if (YamlValues.parseDouble(text.get()) != null
                        && text.get().strip().matches("[-+]?[0-9_]+")) {
                    outOfRange(value, key, text.get().strip(), min, max);
                } else {
                    wrongType(value, key, "a whole number");
                }
                return Optional.empty();
            }
            if (number < min || number > max) {
                outOfRange(value, key, number.toString(), min, max);
                return Optional.empty();
            }
            return Optional.of(number.intValue());
        });
    }

    int integer(String key, int defaultValue, int min, int max) {
        return integer(key, min, max).orElse(defaultValue);
    }

    /** A number in {@code [min, max]}; fractions allowed. */
    Optional<Double> number(String key, double min, double max) {
        return node(key).flatMap(value -> {
            Optional<String> text = asText(value, key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Double number = YamlValues.parseDouble(text.get());
            if (number == null) {
                wrongType(value, key, "a finite number");
                return Optional.empty();
            }
            if (number < min || number > max) {
                outOfRange(value, key, text.get().strip(), min, max);
                return Optional.empty();
            }
            return Optional.of(number);
        });
    }

    /** Seconds as a number greater than zero and at most {@code maxSeconds}. */
    Optional<java.time.Duration> positiveSeconds(String key, double maxSeconds) {
        return node(key).flatMap(value -> {
            Optional<Double> seconds = number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
            if (seconds.isPresent() && (seconds.get() <= 0 || seconds.get() > maxSeconds)) {
                context.report(
                        value,
                        DiagnosticCode.OUT_OF_RANGE,
                        "'" + key + "' of " + owner
                                + " must be greater than 0 and at most " + YamlNumbers.format(maxSeconds) + ", got "
                                + YamlNumbers.format(seconds.get()),
                        null);
                return Optional.empty();
            }
            return seconds.map(YamlNumbers::toDuration);
        });
    }

    /** true or false; empty when absent or not a boolean (then reported). */
    Optional<Boolean> optionalBool(String key) {
        return node(key)
                .flatMap(value -> asText(value, key).flatMap(text -> {
                    Boolean parsed = YamlValues.parseBoolean(text);
                    if (parsed == null) {
                        wrongType(value, key, "true or false");
                    }
                    return Optional.ofNullable(parsed);
                }));
    }

    boolean bool(String key, boolean defaultValue) {
        return node(key)
                .flatMap(value -> asText(value, key).map(text -> {
                    Boolean parsed = YamlValues.parseBoolean(text);
                    if (parsed == null) {
                        wrongType(value, key, "true or false");
                        return defaultValue;
                    }
                    return parsed;
                }))
                .orElse(defaultValue);
    }

    <E extends Enum<E> & YamlName> E choice(String key, Class<E> type, E defaultValue) {
        return node(key)
                .flatMap(value -> asText(value, key).map(text -> {
                    for (E constant : type.getEnumConstants()) {
                        if (constant.yamlName().equals(text.strip())) {
                            return constant;
                        }
                    }
                    List<String> names = Arrays.stream(type.getEnumConstants())
                            .map(YamlName::yamlName)
                            .toList();
                    String suggestion = Suggestions.didYouMean(text, names);
                    context.report(
                            value,
                            DiagnosticCode.INVALID_VALUE,
                            "'" + key + "' of " + owner + " is '" + YamlValues.abbreviate(text)
                                    + "', which is not one of " + String.join(", ", names)
                                    + (suggestion == null ? "" : "; " + suggestion),
                            "choose one of: " + String.join(", ", names));
                    return defaultValue;
                }))
                .orElse(defaultValue);
    }

    /** A list of text values; a single text value counts as a list of one. Items get positions of their own. */
    List<String> strings(String key) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        String listPath = childPath(key);
        if (value.get() instanceof ScalarNode scalar) {
            positions.value(SourceMap.item(listPath, 0), context.at(scalar));
            return context.usableText(scalar).map(List::of).orElse(List.of());
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            wrongType(value.get(), key, "a list of text values");
            return List.of();
        }
        List<String> items = new ArrayList<>(sequence.getValue().size());
        List<Node> elements = sequence.getValue();
        for (int i = 0; i < elements.size(); i++) {
            Node element = elements.get(i);
            positions.value(SourceMap.item(listPath, i), context.at(element));
            if (element instanceof ScalarNode scalar && !YamlValues.isNull(scalar)) {
                context.usableText(scalar).ifPresent(items::add);
            } else {
                context.report(
                        element,
                        DiagnosticCode.WRONG_TYPE,
                        "item " + (i + 1) + " of '" + key + "' in " + owner + " is " + YamlValues.describe(element)
                                + ", expected text",
                        null);
            }
        }
        return items;
    }

    /** Where item {@code index} of the list under {@code key} stands (the value itself when it is not a list). */
    Position itemPosition(String key, int index) {
        return positions.toSourceMap().valueAt(SourceMap.item(childPath(key), index));
    }

    /** A list whose items the caller binds; each item's position is recorded. */
    List<Node> sequence(String key) {
        Optional<Node> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            wrongType(value.get(), key, "a list");
            return List.of();
        }
        String listPath = childPath(key);
        List<Node> elements = sequence.getValue();
        for (int i = 0; i < elements.size(); i++) {
            positions.value(SourceMap.item(listPath, i), context.at(elements.get(i)));
        }
        return elements;
    }

    /** A nested mapping of the format, read with its own allowed keys. */
    Optional<MappingReader> mapping(String key, String nestedOwner, Set<String> allowedKeys) {
        return node(key).flatMap(value -> {
            if (value instanceof MappingNode mapping) {
                return Optional.of(
                        new MappingReader(context, positions, mapping, childPath(key), nestedOwner, allowedKeys));
            }
            wrongType(value, key, "a mapping of keys to values");
            return Optional.empty();
        });
    }

    /** A free-form mapping ({@code action_kwargs}, {@code params}): any keys, values of any YAML type. */
    Map<String, Object> freeMapping(String key) {
        return node(key)
                .map(value -> {
                    if (value instanceof MappingNode mapping) {
                        return new FreeValues(context, positions).mapping(mapping, childPath(key), owner);
                    }
                    wrongType(value, key, "a mapping of keys to values");
                    return Map.<String, Object>of();
                })
                .orElse(Map.of());
    }

    /** Reports a problem at the value of {@code key} (or at this mapping when the key is absent). */
    void reportAt(String key, DiagnosticCode code, String message, String hint) {
        Node value = entries.get(key);
        context.report(value != null ? value : node, code, message, hint);
    }

    void wrongType(Node value, String key, String expected) {
        context.report(
                value,
                DiagnosticCode.WRONG_TYPE,
                "'" + key + "' of " + owner + " must be " + expected + ", got " + YamlValues.describe(value),
                null);
    }

    private void outOfRange(Node value, String key, String shown, double min, double max) {
        context.report(
                value,
                DiagnosticCode.OUT_OF_RANGE,
                "'" + key + "' of " + owner + " must be " + YamlNumbers.range(min, max) + ", got " + shown,
                null);
    }

    private Optional<String> asText(Node value, String key) {
        if (value instanceof ScalarNode scalar) {
            return context.usableText(scalar);
        }
        wrongType(value, key, "a single value");
        return Optional.empty();
    }
}
