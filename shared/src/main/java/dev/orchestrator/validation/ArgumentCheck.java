package dev.orchestrator.validation;

import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.ParameterDescriptor;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each key of {@code action_kwargs} is a parameter of the action, as the agent binds them: by name, plus
 * {@code data}, which always overrides the upstream output. Only the keys are checked; values are templates
 * and arguments of any shape (the keys inside {@code env} or {@code params} are the action's business).
 * Unknown connectors and actions are reported by {@link ReferenceCheck} and skipped here.
 */
final class ArgumentCheck implements PipelineCheck {

    /** The agent's {@code ActionInvoker.DATA}: accepted by every action. */
    private static final String DATA = "data";

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        if (scope.plugins().isEmpty()) {
            return;
        }
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            if (task.connector().isEmpty()) {
                continue;
            }
            String taskPath = SourceMap.item("tasks", i);
            var connector = scope.plugins().get().connector(task.connector());
            if (!task.actionKwargs().isEmpty()) {
                connector
                        .flatMap(found -> found.action(task.action()))
                        .ifPresent(action -> checkKeys(
                                task,
                                action,
                                task.actionKwargs(),
                                pipeline.source(),
                                SourceMap.child(taskPath, "action_kwargs"),
                                diagnostics));
            }
            task.rollback()
                    .ifPresent(rollback -> connector
                            .flatMap(found -> found.action(rollback.action()))
                            .ifPresent(action -> checkKeys(
                                    task,
                                    action,
                                    rollback.actionKwargs(),
                                    pipeline.source(),
                                    SourceMap.child(taskPath, "rollback.action_kwargs"),
                                    diagnostics)));
        }
    }

    private static void checkKeys(
            Task task,
            ActionDescriptor action,
            Map<String, Object> kwargs,
            SourceMap source,
            String kwargsPath,
            Diagnostics diagnostics) {
        List<String> parameters =
                action.parameters().stream().map(ParameterDescriptor::name).toList();
        List<String> accepted = new ArrayList<>(parameters);
        if (!accepted.contains(DATA)) {
            accepted.add(DATA);
        }
        String name = task.connector() + "." + action.name();
        for (String key : kwargs.keySet()) {
            if (accepted.contains(key)) {
                continue;
            }
            String suggestion = Suggestions.didYouMean(key, accepted);
            diagnostics.report(
                    source.keyAt(SourceMap.child(kwargsPath, key)),
                    DiagnosticCode.UNKNOWN_ARGUMENT,
                    "action '" + action.name() + "' of connector '" + task.connector() + "' (task '" + task.id()
                            + "') has no parameter '" + key + "'" + (suggestion == null ? "" : "; " + suggestion),
                    parameters.isEmpty()
                            ? name + " takes no arguments"
                            : "parameters of " + name + ": " + String.join(", ", parameters));
        }
    }
}
