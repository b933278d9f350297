package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.template.TemplateRenderException;
import dev.orchestrator.template.TemplateRenderer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A task's {@code run_if}, rendered once its dependencies have finished and its trigger rule holds, with the
 * run's variables and {@code outputs.<task>} of its dependencies: a false value skips the task. Stateless but for
 * what it is given; used under its coordinator's lock.
 */
final class RunIfGate {

    /** What a rendered run_if says no with (after trimming, in any case); anything else says yes. */
    static final Set<String> FALSE_VALUES = Set.of("", "false", "0", "0.0", "no", "off", "null", "none", "[]", "{}");

    /** Why a task did not run: its state and the reason recorded with it. */
    record Verdict(TaskState state, String reason) {}

    private final TemplateRenderer templates;
    private final Map<String, Object> runVariables;

    RunIfGate(TemplateRenderer templates, Map<String, Object> runVariables) {
        this.templates = templates;
        this.runVariables = runVariables;
    }

    /**
     * @param outputs the outputs of the tasks that succeeded so far, by task id
     * @return empty when the task may start; else skipped (run_if was false) or failed (run_if could not be
     *     rendered)
     */
    Optional<Verdict> check(Task task, Map<String, Object> outputs) {
        if (task.runIf().isEmpty()) {
            return Optional.empty();
        }
        String expression = task.runIf().get();
        String rendered;
        try {
            rendered = templates.renderText(expression, TaskVariables.of(runVariables, task, outputs), "run_if");
        } catch (TemplateRenderException e) {
            return Optional.of(new Verdict(TaskState.FAILED, "run_if could not be rendered: " + e.getMessage()));
        }
        if (isFalse(rendered)) {
            return Optional.of(new Verdict(TaskState.SKIPPED, "run_if was false: " + expression));
        }
        return Optional.empty();
    }

    static boolean isFalse(String rendered) {
        return FALSE_VALUES.contains(rendered.strip().toLowerCase(Locale.ROOT));
    }
}
