package dev.orchestrator.model;

import java.util.Map;

/**
 * Where each value of one pipeline stands in its file, so that any later check (the validator, the editor,
 * the API) can point at the exact line.
 *
 * <p>Paths are dot-separated keys and list indexes inside the pipeline: {@code ""} is the pipeline itself,
 * {@code "schedule.cron_expr"}, {@code "tasks.3.depends_on.0"}. A path without an entry of its own resolves
 * to its nearest ancestor that has one, so a check never lacks a position. Immutable.
 */
public record SourceMap(String file, Map<String, Position> values, Map<String, Position> keys) {

    /** Takes ownership of the maps: callers hand over maps they no longer touch (a copy of 50,000 entries per
     * 1,000-task file is measurable). */
    public SourceMap {
        values = java.util.Collections.unmodifiableMap(values);
        keys = java.util.Collections.unmodifiableMap(keys);
    }

    public static SourceMap empty(String file) {
        return new SourceMap(file, Map.of(), Map.of());
    }

    /** Position of the value at {@code path}, or of its nearest ancestor. */
    public Position valueAt(String path) {
        String current = path;
        while (true) {
            Position position = values.get(current);
            if (position != null) {
                return position;
            }
            if (current.isEmpty()) {
                return Position.startOf(file);
            }
            int dot = current.lastIndexOf('.');
            current = dot < 0 ? "" : current.substring(0, dot);
        }
    }

    /** Position of the key that introduces {@code path}, falling back to the value's position. */
    public Position keyAt(String path) {
        Position position = keys.get(path);
        return position != null ? position : valueAt(path);
    }

    /** The path of one element of a list, for example {@code item("tasks", 3)} is {@code "tasks.3"}. */
    public static String item(String listPath, int index) {
        return listPath + "." + index;
    }

    /** Joins path segments, skipping the empty root. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
