package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.Notify;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.Schedule;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Binds one item of a file's {@code pipelines:} list, with every default of SPEC 2 applied. */
final class PipelineReader {

    private static final double MAX_RUN_TIMEOUT_SECONDS = 30.0 * 24 * 3600;

    private final BindContext context;

    PipelineReader(BindContext context) {
        this.context = context;
    }

    Optional<Pipeline> read(Node item, int index) {
        if (!(item instanceof MappingNode mapping)) {
            context.report(
                    item,
                    DiagnosticCode.WRONG_TYPE,
                    "pipeline " + (index + 1) + " is " + YamlValues.describe(item)
                            + ", expected a mapping with 'id' and 'tasks'",
                    null);
            return Optional.empty();
        }
        PositionRecorder positions = new PositionRecorder(context.file());
        String owner = owner(mapping, index);
        MappingReader pipeline = new MappingReader(context, positions, mapping, "", owner, FormatKeys.PIPELINE);
        String id = pipeline.requiredString(
                        "id", "give the pipeline an id such as 'daily_order_sync'; " + "the CLI and the API use it")
                .map(String::strip)
                .orElse("");
        String name = pipeline.string("name", id);
        String description = pipeline.string("description", "");
        List<String> labels = pipeline.strings("labels");
        Schedule schedule = ScheduleReader.read(pipeline);
        ParamsReader.Params params = new ParamsReader(context, positions).read(pipeline);
        int maxConcurrency = pipeline.integer("max_concurrency", Pipeline.DEFAULT_MAX_CONCURRENCY, 1, 1024);
        boolean stopOnFailure = pipeline.bool("stop_on_failure", true);
        var timeout = pipeline.positiveSeconds("timeout_seconds", MAX_RUN_TIMEOUT_SECONDS);
        var onSuccess = HookReader.forPipeline(pipeline, "on_success");
        var onFailure = HookReader.forPipeline(pipeline, "on_failure");
        Notify notify = new NotifyReader(context, positions).read(pipeline);
        Optional<Deadline> deadline = DeadlineReader.read(pipeline);
        Optional<PoolClaim> pool = PoolReader.claim(pipeline, Optional.empty());
        Optional<ResourceProfile> resources = ResourceReader.read(pipeline, Optional.empty());
        List<Task> tasks = tasks(pipeline, positions, owner, pool, resources);
        return Optional.of(new Pipeline(
                id,
                name,
                description,
                labels,
                schedule,
                params.defaults(),
                params.declarations(),
                maxConcurrency,
                stopOnFailure,
                timeout,
                onSuccess,
                onFailure,
                notify,
                deadline,
                pool,
                resources,
                tasks,
                positions.toSourceMap()));
    }

    private List<Task> tasks(
            MappingReader pipeline,
            PositionRecorder positions,
            String owner,
            Optional<PoolClaim> pool,
            Optional<ResourceProfile> resources) {
        List<Node> items = pipeline.sequence("tasks");
        // a 'tasks:' of the wrong type is already reported; absent or empty is worth a warning
        if (items.isEmpty()
                && pipeline.node("tasks").map(SequenceNode.class::isInstance).orElse(true)) {
            Position at = pipeline.node("tasks").map(context::at).orElse(pipeline.position());
            context.diagnostics()
                    .report(
                            at,
                            DiagnosticCode.NO_TASKS,
                            owner + " has no tasks",
                            "add a 'tasks:' list; a pipeline without tasks runs and does nothing");
        }
        TaskReader reader = new TaskReader(context, positions);
        List<Task> tasks = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            reader.read(items.get(i), SourceMap.item("tasks", i), i, owner, pool, resources)
                    .ifPresent(tasks::add);
        }
        return tasks;
    }

    private static String owner(MappingNode mapping, int index) {
        return YamlValues.idOf(mapping).map(id -> "pipeline '" + id + "'").orElse("pipeline " + (index + 1));
    }
}
