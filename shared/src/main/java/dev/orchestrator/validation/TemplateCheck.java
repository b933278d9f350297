package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import dev.orchestrator.template.TemplateAnalyzer;
import dev.orchestrator.template.TemplateReferences;
import dev.orchestrator.template.TemplateVariables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Templates in {@code connector_config}, {@code action_kwargs}, {@code wait_for.key}, {@code run_if},
 * {@code cache.key}, a call's {@code params}, {@code rollback.action_kwargs} and {@code for_each.items} parse, and
 * read only the variables of SPEC 3, the pipeline's declared {@code params}, {@code outputs} of the task's own
 * dependencies and, in the per-item values of a {@code for_each} task, {@code item} and {@code item_index}, so that
 * a typo fails at load, not at 06:00.
 */
final class TemplateCheck implements PipelineCheck {

    private static final String VARIABLE_LIST =
            String.join(", ", TemplateVariables.NAMES.subList(0, TemplateVariables.NAMES.size() - 1))
                    + ", params.<name>, outputs.<task in depends_on>, and item, item_index in a for_each task";
    /** Every name a template may read somewhere: for suggestions. */
    private static final List<String> ALL_NAMES = allNames();

    private final TemplateAnalyzer analyzer;

    TemplateCheck(TemplateAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            // item and item_index exist while one item runs: in what the item's run renders, not in what picks items
            Where perItem = new Where(pipeline, task, task.isMap(), diagnostics);
            Where perTask = new Where(pipeline, task, false, diagnostics);
            walk(task.connectorConfig(), SourceMap.child(path, "connector_config"), perItem);
            walk(task.actionKwargs(), SourceMap.child(path, "action_kwargs"), perItem);
            task.waitFor()
                    .ifPresent(waitFor -> checkText(waitFor.key(), SourceMap.child(path, "wait_for.key"), perItem));
            task.runIf().ifPresent(runIf -> checkText(runIf, SourceMap.child(path, "run_if"), perTask));
            task.cache().ifPresent(cache -> checkText(cache.key(), SourceMap.child(path, "cache.key"), perItem));
            task.call().ifPresent(call -> walk(call.params(), SourceMap.child(path, "params"), perItem));
            task.rollback()
                    .ifPresent(rollback ->
                            walk(rollback.actionKwargs(), SourceMap.child(path, "rollback.action_kwargs"), perItem));
            task.forEach().ifPresent(forEach -> {
                forEach.items().ifPresent(items -> walk(items, SourceMap.child(path, "for_each.items"), perTask));
                forEach.itemsTemplate()
                        .ifPresent(text -> checkText(text, SourceMap.child(path, "for_each.items"), perTask));
            });
        }
    }

    /** The task a template belongs to, and whether the value is rendered per item of a for_each. */
    private record Where(Pipeline pipeline, Task task, boolean itemAllowed, Diagnostics diagnostics) {}

    private void walk(Object value, String path, Where where) {
        if (value instanceof String text) {
            checkText(text, path, where);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> walk(nested, SourceMap.child(path, String.valueOf(key)), where));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), SourceMap.item(path, i), where);
            }
        }
    }

    private void checkText(String text, String path, Where where) {
        TemplateReferences references = analyzer.analyze(text);
        if (references.equals(TemplateReferences.none())) {
            return;
        }
        Pipeline pipeline = where.pipeline();
        Task task = where.task();
        Diagnostics diagnostics = where.diagnostics();
        var at = pipeline.source().valueAt(path);
        String field = fieldName(path);
        if (references.syntaxError().isPresent()) {
            diagnostics.report(
                    at,
                    DiagnosticCode.TEMPLATE_SYNTAX,
                    "template in " + field + " of task '" + task.id() + "' does not parse: "
                            + references.syntaxError().get(),
                    "templates use {{ variable }} and {% tag %}; write {{ '{{' }} for literal braces");
            return;
        }
        for (String variable : new TreeSet<>(references.variables())) {
            if (TemplateVariables.FOR_EACH_NAMES.contains(variable)) {
                if (!where.itemAllowed()) {
                    reportItemOutside(variable, field, where, at);
                }
            } else if (!TemplateVariables.NAMES.contains(variable) && !TemplateVariables.OUTPUTS.equals(variable)) {
                String suggestion = Suggestions.didYouMean(variable, ALL_NAMES);
                diagnostics.report(
                        at,
                        DiagnosticCode.UNKNOWN_TEMPLATE_VARIABLE,
                        "template in " + field
                                + " of task '" + task.id() + "' uses unknown variable '" + variable + "'"
                                + (suggestion == null ? "" : "; " + suggestion),
                        "variables: " + VARIABLE_LIST);
            }
        }
        for (String output : new TreeSet<>(references.outputs())) {
            if (!task.dependsOn().contains(output)) {
                reportOutputOutside(output, field, where, at);
            }
        }
        Set<String> declared = new TreeSet<>(pipeline.params().keySet());
        declared.addAll(pipeline.paramDeclarations().keySet()); // a required one has no default: the trigger gives it
        for (String param : new TreeSet<>(references.params())) {
            if (!declared.contains(param)) {
                String suggestion = Suggestions.didYouMean(param, declared);
                diagnostics.report(
                        at,
                        DiagnosticCode.UNDECLARED_PARAM,
                        "template in " + field + " of task '"
                                + task.id() + "' uses params." + param + ", which the pipeline's params: do not "
                                + "declare" + (suggestion == null ? "" : "; " + suggestion),
                        "runs fail unless the trigger passes '" + param + "'; declare a default under params:");
            }
        }
    }

    private static void reportItemOutside(String variable, String field, Where where, Position at) {
        Task task = where.task();
        where.diagnostics()
                .report(
                        at,
                        DiagnosticCode.ITEM_OUTSIDE_FOR_EACH,
                        "template in " + field + " of task '" + task.id() + "' uses '" + variable + "', "
                                + (task.isMap()
                                        ? "which does not exist yet when " + field + " is rendered"
                                        : "which exists only in a for_each task"),
                        task.isMap()
                                ? "item and item_index exist in what each item renders: action_kwargs, "
                                        + "connector_config, cache.key, params and rollback; run_if and "
                                        + "for_each.items are rendered once for the whole task"
                                : "add 'for_each: { from: <task> }' or 'for_each: { items: [...] }' to run the task "
                                        + "once per item");
    }

    private static void reportOutputOutside(String output, String field, Where where, Position at) {
        Task task = where.task();
        List<String> taskIds = where.pipeline().tasks().stream().map(Task::id).toList();
        String hint;
        if (output.equals(task.id())) {
            hint = "a task cannot read its own output; its output is there for the tasks that depend on it";
        } else if (taskIds.contains(output)) {
            hint = "add '" + output + "' to depends_on, so it finishes before this task reads its output";
        } else {
            String suggestion = Suggestions.didYouMean(output, task.dependsOn());
            hint = (suggestion == null ? "" : suggestion + " ") + "'" + output + "' is not a task here; "
                    + (task.dependsOn().isEmpty()
                            ? "this task depends on no task"
                            : "outputs here: " + String.join(", ", task.dependsOn()));
        }
        where.diagnostics()
                .report(
                        at,
                        DiagnosticCode.OUTPUT_OUTSIDE_DEPENDENCIES,
                        "template in " + field + " of task '" + task.id() + "' reads outputs." + output + ", and '"
                                + output + "' is not in its depends_on",
                        hint);
    }

    private static List<String> allNames() {
        List<String> names = new java.util.ArrayList<>(TemplateVariables.NAMES);
        names.add(TemplateVariables.OUTPUTS);
        names.addAll(TemplateVariables.FOR_EACH_NAMES);
        return List.copyOf(names);
    }

    /** {@code tasks.3.action_kwargs.params.x} reads better as {@code action_kwargs.params.x}. */
    private static String fieldName(String path) {
        int second = path.indexOf('.', "tasks.".length());
        return second < 0 ? path : path.substring(second + 1);
    }
}
