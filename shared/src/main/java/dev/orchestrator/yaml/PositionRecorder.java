package dev.orchestrator.yaml;

import dev.orchestrator.model.Position;
import dev.orchestrator.model.SourceMap;
import java.util.HashMap;
import java.util.Map;

/** Gathers the positions of one pipeline's values while it is bound, then freezes them into a {@link SourceMap}. */
final class PositionRecorder {

    private final String file;
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();

    PositionRecorder(String file) {
        this.file = file;
    }

    void value(String path, Position position) {
        values.putIfAbsent(path, position);
    }

    void key(String path, Position position) {
        keys.putIfAbsent(path, position);
    }

    SourceMap toSourceMap() {
        return new SourceMap(file, values, keys);
    }
}
