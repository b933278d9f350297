package dev.orchestrator.model;

import dev.orchestrator.dag.Dag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline as declared in a file, with every default applied. Immutable.
 *
 * @param params  defaults for runtime parameters ({@code {{ params.x }}}): plain values, and the defaults of the
 *                typed declarations
 * @param paramDeclarations the typed entries of {@code params:}, by name in file order; empty when all are plain
 * @param timeout limit for the whole run
 * @param deadline when a scheduled run must have started and finished
 * @param pool     {@code pool} with {@code pool_slots} on the pipeline: the claim of each of its tasks that names
 *                 no pool of its own (already applied to its {@link Task#pool()})
 * @param resources {@code resources} on the pipeline: the keys each of its tasks takes when it does not give them
 *                 itself (already applied to its {@link Task#resources()})
 * @param source  where each value stands in its file
 */
public record Pipeline(
        String id,
        String name,
        String description,
        List<String> labels,
        Schedule schedule,
        Map<String, Object> params,
        Map<String, ParamDeclaration> paramDeclarations,
        int maxConcurrency,
        boolean stopOnFailure,
        Optional<Duration> timeout,
        Optional<HookRef> onSuccess,
        Optional<HookRef> onFailure,
        Notify notifications,
        Optional<Deadline> deadline,
        Optional<PoolClaim> pool,
        Optional<ResourceProfile> resources,
        List<Task> tasks,
        SourceMap source) {

    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public Pipeline {
        labels = List.copyOf(labels);
        params = ImmutableValues.map(params);
        paramDeclarations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paramDeclarations));
        tasks = List.copyOf(tasks);
    }

    /** A pipeline without a deadline. */
    public Pipeline(
            String id,
            String name,
            String description,
            List<String> labels,
            Schedule schedule,
            Map<String, Object> params,
            int maxConcurrency,
            boolean stopOnFailure,
            Optional<Duration> timeout,
            Optional<HookRef> onSuccess,
            Optional<HookRef> onFailure,
            Notify notifications,
            List<Task> tasks,
            SourceMap source) {
        this(
                id,
                name,
                description,
                labels,
                schedule,
                params,
                Map.of(),
                maxConcurrency,
                stopOnFailure,
                timeout,
                onSuccess,
                onFailure,
                notifications,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                tasks,
                source);
    }

    public Optional<Task> task(String taskId) {
        return tasks.stream().filter(task -> task.id().equals(taskId)).findFirst();
    }

    /** The task graph, in file order. Edges to unknown tasks are left out (the validator reports them). */
    public Dag dag() {
        return Dag.of(tasks.stream()
                .map(task -> new Dag.Node(task.id(), task.dependsOn()))
                .toList());
    }
}
