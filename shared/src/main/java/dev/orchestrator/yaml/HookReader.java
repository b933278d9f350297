package dev.orchestrator.yaml;

import dev.orchestrator.model.HookRef;
import dev.orchestrator.validation.DiagnosticCode;

import java.util.Optional;

/** Reads {@code on_success} / {@code on_failure} values of pipelines and tasks. */
final class HookReader {

    private HookReader() {
    }

    static Optional<HookRef> read(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> {
            Optional<HookRef> hook = HookRef.parse(text.strip());
            if (hook.isEmpty()) {
                reader.reportAt(key, DiagnosticCode.INVALID_HOOK,
                        "'" + key + "' of " + reader.owner() + " is '" + YamlValues.abbreviate(text) + "'",
                        "write 'trigger:<pipeline id>' to start a pipeline or 'hook:<name>' to call a hook plugin");
            }
            return hook;
        });
    }
}
