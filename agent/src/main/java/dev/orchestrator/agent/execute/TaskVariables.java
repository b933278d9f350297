package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import dev.orchestrator.template.TemplateVariables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template variables of one task: the run's, and {@code outputs.<task>} for each task in its
 * {@code depends_on} (null for a dependency that did not succeed, such as one skipped by its run_if). Stateless.
 */
final class TaskVariables {

    private TaskVariables() {}

    /**
     * @param outputs the outputs of the run's tasks that succeeded so far, by task id; read now, not kept
     */
    static Map<String, Object> of(Map<String, Object> runVariables, Task task, Map<String, Object> outputs) {
        if (task.dependsOn().isEmpty()) {
            return runVariables;
        }
        Map<String, Object> dependencies = new LinkedHashMap<>();
        for (String dependency : task.dependsOn()) {
            dependencies.put(dependency, outputs.get(dependency));
        }
        Map<String, Object> variables = new LinkedHashMap<>(runVariables);
        variables.put(TemplateVariables.OUTPUTS, Collections.unmodifiableMap(dependencies));
        return variables;
    }
}
