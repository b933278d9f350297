package dev.orchestrator.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-keeping, null-tolerant immutable copies of free-form YAML values ({@code action_kwargs},
 * {@code params}). {@link Map#copyOf} would lose the file order and reject the nulls YAML allows.
 */
final class ImmutableValues {

    private ImmutableValues() {}

    static Map<String, Object> map(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** A list of free-form values (nulls allowed), deeply copied in order. */
    @SuppressWarnings("unchecked")
    static List<Object> list(List<Object> source) {
        return (List<Object>) value(source);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(value(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
