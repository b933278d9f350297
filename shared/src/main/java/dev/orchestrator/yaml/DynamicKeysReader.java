package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.ForEach;
import dev.orchestrator.model.PipelineCall;
import dev.orchestrator.model.Rollback;
import dev.orchestrator.model.TaskCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds the task keys of dynamic work: {@code for_each} with {@code max_parallel}, {@code pipeline} with
 * {@code params}, {@code run_if}, {@code cache} and {@code rollback}. Checks that need only the task itself are made
 * here, where the positions are; those that look at other tasks or pipelines are the validator's.
 */
final class DynamicKeysReader {

    /** Items running at once: the same bound as a pipeline's max_concurrency. */
    private static final int MAX_PARALLEL = 1024;

    private final BindContext context;
    private final PositionRecorder positions;

    DynamicKeysReader(BindContext context, PositionRecorder positions) {
        this.context = context;
        this.positions = positions;
    }

    /** {@code for_each: { from: <task> } | { items: [...] } | { items: "<template>" }}, with {@code max_parallel}. */
    Optional<ForEach> forEach(MappingReader task) {
        OptionalInt maxParallel = task.integer("max_parallel", 1, MAX_PARALLEL)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        String owner = "the for_each of " + task.owner();
        Optional<MappingReader> found = task.mapping("for_each", owner, FormatKeys.FOR_EACH);
        if (found.isEmpty()) {
            if (!task.has("for_each") && task.has("max_parallel")) {
                task.reportAt(
                        "max_parallel",
                        DiagnosticCode.MAX_PARALLEL_WITHOUT_FOR_EACH,
                        "max_parallel of " + task.owner() + " limits the items of a for_each, and this task has none",
                        "add 'for_each: { from: <task> }' or 'for_each: { items: [...] }', or remove 'max_parallel'"
                                + " (max_concurrency limits the tasks of the whole pipeline)");
            }
            return Optional.empty();
        }
        MappingReader each = found.get();
        if (each.has("from") && each.has("items")) {
            each.reportAt(
                    "items",
                    DiagnosticCode.EXCLUSIVE_KEYS,
                    owner + " has both 'from' and 'items'",
                    "keep one: 'from: <task>' maps over that task's output, 'items:' over a list written here or"
                            + " rendered from a template");
        }
        if (each.has("from")) {
            return each.requiredString("from", "name the task in depends_on whose output is the list")
                    .map(from -> ForEach.fromTask(from.strip(), maxParallel));
        }
        Optional<Node> items = each.node("items");
        if (items.isEmpty()) {
            context.diagnostics()
                    .report(
                            each.position(),
                            DiagnosticCode.MISSING_KEY,
                            owner + " has neither 'from' nor 'items'",
                            "write 'from: <task>' to map over a task's output, 'items: [a, b]' for a fixed list, or "
                                    + "'items: \"{{ params.regions }}\"' for a list rendered at run time");
            return Optional.empty();
        }
        String itemsPath = each.childPath("items");
        if (items.get() instanceof SequenceNode sequence) {
            @SuppressWarnings("unchecked") // a sequence always binds to a list
            List<Object> values = (List<Object>) new FreeValues(context, positions).value(sequence, itemsPath, owner);
            return Optional.of(ForEach.items(values, maxParallel));
        }
        if (items.get() instanceof ScalarNode scalar) {
            return context.usableText(scalar)
                    .filter(text -> !text.isBlank())
                    .map(text -> ForEach.itemsTemplate(text, maxParallel));
        }
        each.wrongType(items.get(), "items", "a list, or a template such as \"{{ params.regions }}\"");
        return Optional.empty();
    }

    /** {@code pipeline: <id>} with {@code params: {...}}; params alone are reported. */
    Optional<PipelineCall> call(MappingReader task) {
        Map<String, Object> params = task.freeMapping("params");
        if (!task.has("pipeline")) {
            if (task.has("params")) {
                task.reportAt(
                        "params",
                        DiagnosticCode.PARAMS_WITHOUT_CALL,
                        task.owner() + " has params, which are passed to a called pipeline, but calls none",
                        "add 'pipeline: <id>' to call one, or pass the values to the action in action_kwargs");
            }
            return Optional.empty();
        }
        return task.requiredString("pipeline", "name the pipeline to call, such as dimensions_refresh")
                .map(id -> new PipelineCall(id.strip(), params));
    }

    Optional<String> runIf(MappingReader task) {
        if (!task.has("run_if")) {
            return Optional.empty();
        }
        return task.requiredString(
                "run_if", "write a condition such as \"{{ outputs.load | length > 0 }}\", or remove 'run_if'");
    }

    /** {@code cache: { key: "<template>", ttl_seconds: N }}. */
    static Optional<TaskCache> cache(MappingReader task) {
        return task.mapping("cache", "the cache of " + task.owner(), FormatKeys.CACHE)
                .flatMap(cache -> {
                    Optional<Duration> ttl =
                            cache.integer("ttl_seconds", 1, Integer.MAX_VALUE).map(Duration::ofSeconds);
                    return cache.requiredString("key", "give the key that decides reuse, such as \"{{ yesterday }}\"")
                            .map(key -> new TaskCache(key, ttl));
                });
    }

    /** {@code rollback: { action: <name>, action_kwargs: {...} }}. */
    static Optional<Rollback> rollback(MappingReader task) {
        return task.mapping("rollback", "the rollback of " + task.owner(), FormatKeys.ROLLBACK)
                .flatMap(rollback -> {
                    Map<String, Object> kwargs = rollback.freeMapping("action_kwargs");
                    return rollback.requiredString(
                                    "action",
                                    "name the method of the task's connector that undoes its work, such as truncate")
                            .map(action -> new Rollback(action.strip(), kwargs));
                });
    }
}
