package dev.orchestrator.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A task's {@code for_each}: the task runs once per item of a list, each run an <em>item</em> with its own state,
 * attempts, log and output, and the task's output is the list of item outputs in item order. Exactly one of the
 * three sources is present:
 *
 * <ul>
 *   <li>{@link #from}: {@code for_each: { from: <task id> }}, the output of a task in {@code depends_on}, which must
 *       be a list at run time;
 *   <li>{@link #items}: {@code for_each: { items: [eu, us] }}, a list written in the file (values of any YAML type,
 *       string values being templates);
 *   <li>{@link #itemsTemplate}: {@code for_each: { items: "{{ params.regions }}" }}, a template whose rendered value
 *       is the list (a list value, or text holding a JSON list).
 * </ul>
 *
 * <p>Inside the task's per-item templates, the variable {@code {{ item }}} is the current element and
 * {@code {{ item_index }}} its 0-based index.
 *
 * @param maxParallel the task-level {@code max_parallel}: how many items may run at once; empty means the pipeline's
 *                    {@code max_concurrency}
 */
public record ForEach(
        Optional<String> from, Optional<List<Object>> items, Optional<String> itemsTemplate, OptionalInt maxParallel) {

    public ForEach {
        items = items.map(ImmutableValues::list);
        int sources = (from.isPresent() ? 1 : 0) + (items.isPresent() ? 1 : 0) + (itemsTemplate.isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("for_each takes exactly one of from, items or an items template");
        }
    }

    public static ForEach fromTask(String taskId, OptionalInt maxParallel) {
        return new ForEach(Optional.of(taskId), Optional.empty(), Optional.empty(), maxParallel);
    }

    public static ForEach items(List<Object> items, OptionalInt maxParallel) {
        return new ForEach(Optional.empty(), Optional.of(items), Optional.empty(), maxParallel);
    }

    public static ForEach itemsTemplate(String template, OptionalInt maxParallel) {
        return new ForEach(Optional.empty(), Optional.empty(), Optional.of(template), maxParallel);
    }

    /** How many items may run at once: {@code max_parallel}, or else the pipeline's {@code max_concurrency}. */
    public int maxParallelOr(int pipelineMaxConcurrency) {
        return maxParallel.orElse(pipelineMaxConcurrency);
    }
}
