package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.HookRef;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code on_success} / {@code on_failure} values of pipelines and tasks. */
final class HookReader {

    /** The original tool's form, {@code package.module:function}: a Python function, which cannot run here. */
    private static final Pattern PYTHON_FUNCTION =
            Pattern.compile("(?!(hook|trigger):)[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*:[A-Za-z_]\\w*");

    private HookReader() {}

    /** A pipeline's hook: {@code trigger:<pipeline id>} or {@code hook:<name>}. */
    static Optional<HookRef> forPipeline(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> {
            Optional<HookRef> hook = HookRef.parse(text.strip());
            if (hook.isEmpty() && !reportedPythonFunction(reader, key, text)) {
                reader.reportAt(
                        key,
                        DiagnosticCode.INVALID_HOOK,
                        "'" + key + "' of " + reader.owner() + " is '" + YamlValues.abbreviate(text)
                                + "', which is neither trigger:<id> nor hook:<name>",
                        "write 'trigger:<pipeline id>' to start a pipeline or 'hook:<name>' to call a hook plugin");
            }
            return hook;
        });
    }

    /** A task's hook: only {@code hook:<name>} (SPEC 2); starting pipelines is the pipeline's business. */
    static Optional<HookRef> forTask(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> {
            Optional<HookRef> hook = HookRef.parse(text.strip()).filter(ref -> ref.kind() == HookRef.Kind.HOOK);
            if (hook.isEmpty() && !reportedPythonFunction(reader, key, text)) {
                reader.reportAt(
                        key,
                        DiagnosticCode.INVALID_HOOK,
                        "'" + key + "' of " + reader.owner() + " is '" + YamlValues.abbreviate(text)
                                + "', but a task's hook must be hook:<name>",
                        "call a hook plugin with 'hook:<name>'; to start another pipeline use the pipeline's "
                                + "own on_success / on_failure with 'trigger:<pipeline id>'");
            }
            return hook;
        });
    }

    /** Says how to port a hook written for the original tool, when {@code text} is one. */
    private static boolean reportedPythonFunction(MappingReader reader, String key, String text) {
        if (!PYTHON_FUNCTION.matcher(text.strip()).matches()) {
            return false;
        }
        reader.reportAt(
                key,
                DiagnosticCode.INVALID_HOOK,
                "'" + key + "' of " + reader.owner() + " is '"
                        + YamlValues.abbreviate(text) + "', a Python function (module:function) as the original tool "
                        + "called it; the agent runs no Python",
                "port the function to a hook plugin: a class annotated @Hook(\"name\") implementing HookHandler, "
                        + "as a single .java file or a JAR in the plugins directory (README, section Connectors, "
                        + "on plugins), then write 'hook:<name>' here");
        return true;
    }
}
