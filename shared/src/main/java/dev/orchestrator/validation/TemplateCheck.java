package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.Pipeline;
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
 * Templates in {@code connector_config}, {@code action_kwargs} and {@code wait_for.key} parse, and read only the
 * variables of SPEC 3 and the pipeline's declared {@code params}, so that a typo fails at load, not at 06:00.
 */
final class TemplateCheck implements PipelineCheck {

    private static final String VARIABLE_LIST =
            String.join(", ", TemplateVariables.NAMES.subList(0, TemplateVariables.NAMES.size() - 1))
                    + ", params.<name>";

    private final TemplateAnalyzer analyzer;

    TemplateCheck(TemplateAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            walk(task.connectorConfig(), SourceMap.child(path, "connector_config"), pipeline, task, diagnostics);
            walk(task.actionKwargs(), SourceMap.child(path, "action_kwargs"), pipeline, task, diagnostics);
            task.waitFor()
                    .ifPresent(waitFor -> checkText(
                            waitFor.key(), SourceMap.child(path, "wait_for.key"), pipeline, task, diagnostics));
        }
    }

    private void walk(Object value, String path, Pipeline pipeline, Task task, Diagnostics diagnostics) {
        if (value instanceof String text) {
            checkText(text, path, pipeline, task, diagnostics);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) ->
                    walk(nested, SourceMap.child(path, String.valueOf(key)), pipeline, task, diagnostics));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), SourceMap.item(path, i), pipeline, task, diagnostics);
            }
        }
    }

    private void checkText(String text, String path, Pipeline pipeline, Task task, Diagnostics diagnostics) {
        TemplateReferences references = analyzer.analyze(text);
        if (references.equals(TemplateReferences.none())) {
            return;
        }
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
            if (!TemplateVariables.NAMES.contains(variable)) {
                String suggestion = Suggestions.didYouMean(variable, TemplateVariables.NAMES);
                diagnostics.report(
                        at,
                        DiagnosticCode.UNKNOWN_TEMPLATE_VARIABLE,
                        "template in " + field
                                + " of task '" + task.id() + "' uses unknown variable '" + variable + "'"
                                + (suggestion == null ? "" : "; " + suggestion),
                        "variables: " + VARIABLE_LIST);
            }
        }
        Set<String> declared = pipeline.params().keySet();
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

    /** {@code tasks.3.action_kwargs.params.x} reads better as {@code action_kwargs.params.x}. */
    private static String fieldName(String path) {
        int second = path.indexOf('.', "tasks.".length());
        return second < 0 ? path : path.substring(second + 1);
    }
}
