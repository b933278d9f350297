package dev.orchestrator.validation;

import dev.orchestrator.dag.Dag;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.ForEach;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code depends_on} names existing tasks, other than the task itself, without cycles; outputs come from them. */
final class DagCheck implements PipelineCheck {

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        List<String> taskIds = pipeline.tasks().stream().map(Task::id).toList();
        Set<String> known = new HashSet<>(taskIds);
        String taskList = taskIds.size() <= 20
                ? String.join(", ", taskIds)
                : String.join(", ", taskIds.subList(0, 20)) + ", ... (" + taskIds.size() + " tasks)";
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String taskPath = SourceMap.item("tasks", i);
            Set<String> seen = new HashSet<>();
            for (int d = 0; d < task.dependsOn().size(); d++) {
                String dependency = task.dependsOn().get(d);
                if (known.contains(dependency) && !dependency.equals(task.id()) && seen.add(dependency)) {
                    continue; // the common case, checked without building a position
                }
                var at = source.valueAt(SourceMap.item(SourceMap.child(taskPath, "depends_on"), d));
                if (dependency.equals(task.id())) {
                    diagnostics.report(
                            at,
                            DiagnosticCode.SELF_DEPENDENCY,
                            "task '" + task.id() + "' depends on itself",
                            "remove '" + dependency + "' from its depends_on");
                } else if (!known.contains(dependency)) {
                    // "did you mean" the task itself would propose the self-dependency DAG001 forbids
                    String suggestion = Suggestions.didYouMean(
                            dependency,
                            taskIds.stream().filter(id -> !id.equals(task.id())).toList());
                    diagnostics.report(
                            at,
                            DiagnosticCode.UNKNOWN_DEPENDENCY,
                            "task '" + task.id() + "' depends on unknown task '" + dependency + "'",
                            (suggestion == null ? "" : suggestion + " ") + "tasks here: " + taskList);
                } else {
                    diagnostics.report(
                            at,
                            DiagnosticCode.REPEATED_DEPENDENCY,
                            "task '" + task.id() + "' lists '" + dependency + "' twice in depends_on",
                            "remove the second entry");
                }
            }
            checkForEachFrom(task, taskPath, source, known, taskList, diagnostics);
            task.passOutputFrom().ifPresent(from -> {
                if (!task.dependsOn().contains(from)) {
                    diagnostics.report(
                            source.valueAt(SourceMap.child(taskPath, "pass_output_from")),
                            DiagnosticCode.OUTPUT_NOT_A_DEPENDENCY,
                            "task '" + task.id() + "' takes the output of '" + from
                                    + "', which is not in its depends_on",
                            known.contains(from)
                                    ? "add '" + from + "' to depends_on, so it finishes first"
                                    : "'" + from + "' is not a task here; tasks here: " + taskList);
                }
            });
        }
        checkCycle(pipeline, diagnostics);
    }

    /** {@code for_each.from} maps over the output of a task that finishes first: one in depends_on. */
    private static void checkForEachFrom(
            Task task, String taskPath, SourceMap source, Set<String> known, String taskList, Diagnostics diagnostics) {
        task.forEach().flatMap(ForEach::from).ifPresent(from -> {
            if (!task.dependsOn().contains(from)) {
                diagnostics.report(
                        source.valueAt(SourceMap.child(taskPath, "for_each.from")),
                        DiagnosticCode.FOR_EACH_NOT_A_DEPENDENCY,
                        "task '" + task.id() + "' maps over the output of '" + from
                                + "', which is not in its depends_on",
                        known.contains(from) && !from.equals(task.id())
                                ? "add '" + from + "' to depends_on, so its list is there before the items start"
                                : "'" + from + "' is not another task here; tasks here: " + taskList);
            }
        });
    }

    private static void checkCycle(Pipeline pipeline, Diagnostics diagnostics) {
        // a task that depends on itself is reported as such (DAG001), not once more as a cycle of one
        Dag dag = Dag.of(pipeline.tasks().stream()
                .map(task -> new Dag.Node(
                        task.id(),
                        task.dependsOn().stream()
                                .filter(dependency -> !dependency.equals(task.id()))
                                .toList()))
                .toList());
        dag.findCycle().ifPresent(cycle -> {
            // the first task of the path depends on the last one before it repeats: that entry closes the cycle
            int index = indexOf(pipeline, cycle.get(0));
            diagnostics.report(
                    pipeline.source().valueAt(SourceMap.child(SourceMap.item("tasks", index), "depends_on")),
                    DiagnosticCode.CYCLE,
                    "tasks of pipeline '" + pipeline.id() + "' form a cycle: " + String.join(" -> ", cycle),
                    "a task can only run after the tasks it depends on; remove one depends_on entry of the cycle");
        });
    }

    private static int indexOf(Pipeline pipeline, String taskId) {
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            if (pipeline.tasks().get(i).id().equals(taskId)) {
                return i;
            }
        }
        return 0;
    }
}
