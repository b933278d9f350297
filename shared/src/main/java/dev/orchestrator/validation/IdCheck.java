package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Ids are unique within their scope and safe in URLs, file names and command lines. */
final class IdCheck implements PipelineCheck {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String ID_RULE =
            "use letters, digits, '_', '-' and '.', starting with a letter or " + "digit, at most 128 characters";

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        checkFormat(pipeline.id(), "pipeline id", source.valueAt("id"), diagnostics);
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.child(SourceMap.item("tasks", i), "id");
            checkFormat(task.id(), "task id", source.valueAt(path), diagnostics);
            Integer first = firstIndex.putIfAbsent(task.id(), i);
            if (first != null && !task.id().isEmpty()) {
                Position earlier = source.valueAt(SourceMap.child(SourceMap.item("tasks", first), "id"));
                diagnostics.report(
                        source.valueAt(path),
                        DiagnosticCode.DUPLICATE_TASK_ID,
                        "task id '" + task.id() + "' is used twice in pipeline '" + pipeline.id() + "' (first at line "
                                + earlier.line() + ")",
                        "rename one of them; depends_on and the run history name tasks by id");
            }
        }
    }

    private static void checkFormat(String id, String what, Position at, Diagnostics diagnostics) {
        if (!id.isEmpty() && !SAFE_ID.matcher(id).matches()) {
            diagnostics.report(
                    at,
                    DiagnosticCode.INVALID_ID,
                    what + " '" + id + "' has characters that are not " + "allowed",
                    ID_RULE);
        }
    }
}
