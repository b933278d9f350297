package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.WaitFor;
import java.util.List;

/**
 * Waiting tasks are one thing or the other: a {@code wait_for} task waits for an event and calls nothing, a
 * sensor calls a connector until its result holds. Event names travel in the URL that posts them
 * ({@code POST /api/v1/events/<name>}), so they keep to the characters of ids.
 */
final class WaitCheck implements PipelineCheck {

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        pipeline.schedule()
                .event()
                .ifPresent(event -> checkName(
                        event,
                        "the event schedule of pipeline '" + pipeline.id() + "'",
                        source.valueAt("schedule.event"),
                        diagnostics));
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            if (task.waitFor().isPresent()) {
                checkName(
                        task.waitFor().get().event(),
                        "the wait_for of task '" + task.id() + "'",
                        source.valueAt(path + ".wait_for.event"),
                        diagnostics);
                checkCallsNothing(task, source, path, diagnostics);
                if (task.sensor().isPresent()) {
                    diagnostics.report(
                            source.keyAt(path + ".sensor"),
                            DiagnosticCode.SENSOR_WITHOUT_CONNECTOR,
                            "task '" + task.id() + "' has a sensor but waits for an event: a sensor calls a connector "
                                    + "action until its result holds, and this task calls none",
                            "remove 'sensor', or make it a sensor task with connector, action and action_kwargs "
                                    + "instead of wait_for");
                }
            }
        }
    }

    private static void checkCallsNothing(Task task, SourceMap source, String path, Diagnostics diagnostics) {
        for (String key : List.of("connector", "action", "connector_config", "action_kwargs", "rollback")) {
            boolean given = switch (key) {
                case "connector" -> !task.connector().isEmpty();
                case "action" -> !task.action().isEmpty();
                case "connector_config" -> !task.connectorConfig().isEmpty();
                case "rollback" -> task.rollback().isPresent();
                default -> !task.actionKwargs().isEmpty();
            };
            if (given) {
                diagnostics.report(
                        source.keyAt(path + "." + key),
                        DiagnosticCode.WAIT_WITH_CONNECTOR,
                        "task '" + task.id() + "' waits for event '"
                                + task.waitFor().get().event() + "' and also has '" + key
                                + "', which a waiting task never uses",
                        "split it in two: a wait_for task, and a task that depends on it and calls the connector "
                                + "(pass_output_from hands it the event's payload)");
            }
        }
    }

    private static void checkName(
            String name, String owner, dev.orchestrator.model.Position at, Diagnostics diagnostics) {
        if (!name.isEmpty() && !WaitFor.isSafeEventName(name)) {
            diagnostics.report(
                    at,
                    DiagnosticCode.INVALID_EVENT_NAME,
                    "event name '" + name + "' of " + owner + " has characters that are not allowed",
                    WaitFor.EVENT_NAME_RULE);
        }
    }
}
