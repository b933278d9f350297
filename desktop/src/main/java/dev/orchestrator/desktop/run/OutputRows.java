package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An output read as a table: a non-empty list whose every element is an object, one row per element and one column
 * per key, in the order the keys first appear. Immutable; built off the FX thread (a list of 100,000 rows is walked
 * once).
 *
 * @param columns the keys, at most {@value #MAX_COLUMNS}
 * @param rows    the list's elements
 */
public record OutputRows(List<String> columns, List<JsonNode> rows) {

    /** More keys than this are not columns of a table one reads: the tree shows them. */
    static final int MAX_COLUMNS = 200;

    public OutputRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The output as rows, when it is a list of objects. */
    public static Optional<OutputRows> of(JsonNode output) {
        if (output == null || !output.isArray() || output.isEmpty()) {
            return Optional.empty();
        }
        Set<String> keys = new LinkedHashSet<>();
        List<JsonNode> rows = new ArrayList<>(output.size());
        for (JsonNode element : output) {
            if (!element.isObject()) {
                return Optional.empty();
            }
            for (var names = element.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (keys.size() < MAX_COLUMNS) {
                    keys.add(name);
                }
            }
            rows.add(element);
        }
        return Optional.of(new OutputRows(new ArrayList<>(keys), rows));
    }

    /** A cell as text: a string as it is, a number or boolean as written, a nested value as its JSON, none as "". */
    public static String cell(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
