package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.List;

/**
 * An approval task waits for an operator and does nothing else: a connector, an action, an event to wait for, a
 * pipeline to call, a sensor or a for_each on it would never be used, so each is reported where it is written.
 */
final class ApprovalCheck implements PipelineCheck {

    private static final List<String> UNUSED_KEYS = List.of(
            "connector",
            "action",
            "connector_config",
            "action_kwargs",
            "rollback",
            "wait_for",
            "pipeline",
            "sensor",
            "for_each");

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            if (task.approval().isEmpty()) {
                continue;
            }
            String path = SourceMap.item("tasks", i);
            for (String key : UNUSED_KEYS) {
                if (given(task, key)) {
                    diagnostics.report(
                            source.keyAt(SourceMap.child(path, key)),
                            DiagnosticCode.APPROVAL_WITH_CONNECTOR,
                            "task '" + task.id() + "' waits for an approval and also has '" + key
                                    + "', which an approval task never uses",
                            "split it in two: an approval task, and a task that depends on it and does the work "
                                    + "(it runs only once the approval is given)");
                }
            }
        }
    }

    private static boolean given(Task task, String key) {
        return switch (key) {
            case "connector" -> !task.connector().isEmpty();
            case "action" -> !task.action().isEmpty();
            case "connector_config" -> !task.connectorConfig().isEmpty();
            case "action_kwargs" -> !task.actionKwargs().isEmpty();
            case "rollback" -> task.rollback().isPresent();
            case "wait_for" -> task.waitFor().isPresent();
            case "pipeline" -> task.call().isPresent();
            case "sensor" -> task.sensor().isPresent();
            default -> task.forEach().isPresent();
        };
    }
}
