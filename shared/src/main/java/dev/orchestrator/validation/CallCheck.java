package dev.orchestrator.validation;

import dev.orchestrator.dag.Dag;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PipelineCall;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task with {@code pipeline:} calls a pipeline that exists, and nothing else: no connector, action, sensor, wait or
 * rollback. Across the pipelines validated together, calls form no cycle ({@link #checkCycles}).
 */
final class CallCheck implements PipelineCheck {

    /** The task keys that name work of a connector or an event, which a calling task never does. */
    private static final List<String> CONNECTOR_KEYS =
            List.of("connector", "action", "connector_config", "action_kwargs", "sensor", "wait_for", "rollback");

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            if (task.call().isEmpty()) {
                continue;
            }
            String path = SourceMap.item("tasks", i);
            String called = task.call().get().pipelineId();
            for (String key : CONNECTOR_KEYS) {
                if (given(task, key)) {
                    diagnostics.report(
                            source.keyAt(SourceMap.child(path, key)),
                            DiagnosticCode.CALL_WITH_CONNECTOR,
                            "task '" + task.id() + "' calls pipeline '" + called + "' and also has '" + key
                                    + "', which a calling task never uses",
                            "split it in two: a task that calls the pipeline, and a task that depends on it and "
                                    + "calls the connector (outputs." + task.id() + " hands it the child's outputs)");
                }
            }
            if (!called.isEmpty() && !scope.pipelineIds().contains(called)) {
                String suggestion = Suggestions.didYouMean(called, scope.pipelineIds());
                diagnostics.report(
                        source.valueAt(SourceMap.child(path, "pipeline")),
                        DiagnosticCode.UNKNOWN_CALLED_PIPELINE,
                        "task '" + task.id() + "' calls pipeline '" + called + "', which is not loaded"
                                + (suggestion == null ? "" : "; " + suggestion),
                        "pipeline: takes the id of a pipeline in the config directory");
            }
        }
    }

    private static boolean given(Task task, String key) {
        return switch (key) {
            case "connector" -> !task.connector().isEmpty();
            case "action" -> !task.action().isEmpty();
            case "connector_config" -> !task.connectorConfig().isEmpty();
            case "action_kwargs" -> !task.actionKwargs().isEmpty();
            case "sensor" -> task.sensor().isPresent();
            case "wait_for" -> task.waitFor().isPresent();
            default -> task.rollback().isPresent();
        };
    }

    /**
     * Reports one cycle of calls (a pipeline calling itself, or a -> b -> a) as its path, at the {@code pipeline:}
     * of the first pipeline's task that calls the next one. A run of such a pipeline would start children forever.
     */
    static void checkCycles(List<Pipeline> pipelines, Diagnostics diagnostics) {
        Dag calls = Dag.of(pipelines.stream()
                .map(pipeline -> new Dag.Node(
                        pipeline.id(),
                        pipeline.tasks().stream()
                                .flatMap(task -> task.call().stream())
                                .map(PipelineCall::pipelineId)
                                .toList()))
                .toList());
        calls.findCycle().ifPresent(cycle -> {
            // the path runs from a callee to its caller: the last pipeline but one is called by the last
            List<String> callOrder = new ArrayList<>(cycle);
            java.util.Collections.reverse(callOrder);
            String caller = callOrder.get(0);
            String callee = callOrder.get(1);
            pipelines.stream()
                    .filter(pipeline -> pipeline.id().equals(caller))
                    .findFirst()
                    .flatMap(pipeline -> callingTask(pipeline, callee)
                            .map(index -> pipeline.source()
                                    .valueAt(SourceMap.child(SourceMap.item("tasks", index), "pipeline"))))
                    .ifPresent(at -> diagnostics.report(
                            at,
                            DiagnosticCode.CALL_CYCLE,
                            "pipelines call each other in a cycle: " + String.join(" -> ", callOrder),
                            "a run of '" + caller + "' would start child runs without end; remove one "
                                    + "pipeline: call of the cycle"));
        });
    }

    private static Optional<Integer> callingTask(Pipeline pipeline, String callee) {
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Optional<PipelineCall> call = pipeline.tasks().get(i).call();
            if (call.isPresent() && call.get().pipelineId().equals(callee)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
