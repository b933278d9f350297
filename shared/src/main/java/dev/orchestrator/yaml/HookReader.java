package dev.orchestrator.yaml;

import dev.orchestrator.model.HookRef;
import dev.orchestrator.validation.DiagnosticCode;

import java.util.Optional;

/** Reads {@code on_success} / {@code on_failure} values of pipelines and tasks. */
final class HookReader {

    private HookReader() {
    }

    /** A pipeline's hook: {@code trigger:<pipeline id>} or {@code hook:<name>}. */
    static Optional<HookRef> forPipeline(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> {
            Optional<HookRef> hook = HookRef.parse(text.strip());
            if (hook.isEmpty()) {
                reader.reportAt(key, DiagnosticCode.INVALID_HOOK, "'" + key + "' of " + reader.owner() + " is '"
                                + YamlValues.abbreviate(text) + "', which is neither trigger:<id> nor hook:<name>",
                        "write 'trigger:<pipeline id>' to start a pipeline or 'hook:<name>' to call a hook plugin");
            }
            return hook;
        });
    }

    /** A task's hook: only {@code hook:<name>} (SPEC 2); starting pipelines is the pipeline's business. */
    static Optional<HookRef> forTask(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> {
            Optional<HookRef> hook = HookRef.parse(text.strip()).filter(ref -> ref.kind() == HookRef.Kind.HOOK);
            if (hook.isEmpty()) {
                reader.reportAt(key, DiagnosticCode.INVALID_HOOK, "'" + key + "' of " + reader.owner() + " is '"
                                + YamlValues.abbreviate(text) + "', but a task's hook must be hook:<name>",
                        "call a hook plugin with 'hook:<name>'; to start another pipeline use the pipeline's "
                                + "own on_success / on_failure with 'trigger:<pipeline id>'");
            }
            return hook;
        });
    }
}
