package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Approval;
import dev.orchestrator.model.PipelineCall;
import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.RetryPolicy;
import dev.orchestrator.model.Sensor;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskLogBudget;
import dev.orchestrator.model.TriggerRule;
import dev.orchestrator.model.WaitFor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds one item of a pipeline's {@code tasks:} list. */
final class TaskReader {

    private static final double MAX_TIMEOUT_SECONDS = 30.0 * 24 * 3600;
    private static final double MAX_DELAY_SECONDS = RetryReader.MAX_DELAY_SECONDS;
    /** A task's log budget in megabytes: from a kilobyte to what the agent's own option allows. */
    private static final double MIN_LOG_MEGABYTES = 0.001;

    private static final double MAX_LOG_MEGABYTES = 1_000_000;

    private final BindContext context;
    private final PositionRecorder positions;
    private final RetryReader retries;
    private final DynamicKeysReader dynamic;

    TaskReader(BindContext context, PositionRecorder positions) {
        this.context = context;
        this.positions = positions;
        this.retries = new RetryReader(context);
        this.dynamic = new DynamicKeysReader(context, positions);
    }

    /**
     * @param pipelinePool      the pool claim of the task's pipeline, which a task naming no pool takes
     * @param pipelineResources the resources of the task's pipeline, whose keys a task takes when it gives none
     */
    Optional<Task> read(
            Node item,
            String path,
            int index,
            String pipelineOwner,
            Optional<PoolClaim> pipelinePool,
            Optional<ResourceProfile> pipelineResources) {
        if (!(item instanceof MappingNode mapping)) {
            context.report(
                    item,
                    DiagnosticCode.WRONG_TYPE,
                    "task " + (index + 1) + " of " + pipelineOwner + " is " + YamlValues.describe(item)
                            + ", expected a mapping with 'id', 'connector', 'action'",
                    null);
            return Optional.empty();
        }
        String owner = taskOwner(mapping, index, pipelineOwner);
        MappingReader task = new MappingReader(context, positions, mapping, path, owner, FormatKeys.TASK);
        String id = task.requiredString("id", "give every task a unique 'id', such as 'extract'")
                .orElse("");
        Optional<WaitFor> waitFor = waitFor(task);
        Optional<PipelineCall> call = dynamic.call(task);
        Optional<MappingReader> approvalReader =
                task.mapping("approval", "the approval of " + owner, FormatKeys.APPROVAL);
        Optional<Approval> approval = approvalReader.map(reader -> new Approval(
                reader.requiredString("message", "say what the operator approves, such as \"Publish the Q3 numbers?\"")
                        .orElse("")));
        // a task that waits for an event or an approval, or calls another pipeline, calls no connector
        boolean callsNothing = waitFor.isPresent() || approval.isPresent() || task.has("pipeline");
        String connector = callsNothing
                ? task.string("connector", "")
                : task.requiredString("connector", "name a connector type such as csv_file, shell, http_api, postgres")
                        .orElse("");
        String action = callsNothing
                ? task.string("action", "")
                : task.requiredString("action", "name the connector method to call, such as fetch or push")
                        .orElse("");
        Map<String, Object> connectorConfig = task.freeMapping("connector_config");
        Map<String, Object> actionKwargs = task.freeMapping("action_kwargs");
        List<String> dependsOn = task.strings("depends_on");
        Optional<String> passOutputFrom = task.string("pass_output_from").map(String::strip);
        RetryPolicy retry = retries.read(task);
        Optional<Duration> taskTimeout = task.positiveSeconds("timeout_seconds", MAX_TIMEOUT_SECONDS);
        // an approval waits for a person: its own timeout_seconds, else the task's, else a day; a call waits for its
        // child run: the task's, else a day
        Duration timeout = approvalReader
                .flatMap(reader -> reader.positiveSeconds("timeout_seconds", MAX_TIMEOUT_SECONDS))
                .or(() -> approval.isPresent()
                        ? taskTimeout.or(() -> Optional.of(Approval.DEFAULT_TIMEOUT))
                        : taskTimeout)
                .or(() -> call.map(called -> PipelineCall.DEFAULT_TIMEOUT))
                .orElse(Task.DEFAULT_TIMEOUT);
        TriggerRule rule = task.choice("trigger_rule", TriggerRule.class, TriggerRule.ALL_SUCCESS);
        var onSuccess = HookReader.forTask(task, "on_success");
        var onFailure = HookReader.forTask(task, "on_failure");
        Optional<Sensor> sensor = task.mapping("sensor", "the sensor of " + owner, FormatKeys.SENSOR)
                .map(reader -> new Sensor(reader.positiveSeconds("poke_interval_seconds", MAX_DELAY_SECONDS)
                        .orElse(Sensor.DEFAULT_POKE_INTERVAL)));
        return Optional.of(new Task(
                id,
                task.string("name", id),
                connector.strip(),
                connectorConfig,
                action.strip(),
                actionKwargs,
                dependsOn.stream().map(String::strip).toList(),
                passOutputFrom,
                retry,
                timeout,
                rule,
                onSuccess,
                onFailure,
                waitFor,
                sensor,
                logBudget(task),
                dynamic.forEach(task),
                call,
                dynamic.runIf(task),
                DynamicKeysReader.cache(task),
                DynamicKeysReader.rollback(task),
                approval,
                PoolReader.claim(task, pipelinePool),
                ResourceReader.read(task, pipelineResources).orElse(ResourceProfile.NONE)));
    }

    /** {@code log_budget: {lines: N, mb: M, keep_whole: B}}: each key optional, the agent's budget for the rest. */
    private static Optional<TaskLogBudget> logBudget(MappingReader task) {
        return task.mapping("log_budget", "the log_budget of " + task.owner(), FormatKeys.LOG_BUDGET)
                .map(budget -> new TaskLogBudget(
                        budget.integer("lines", 2, Integer.MAX_VALUE)
                                .map(OptionalLong::of)
                                .orElse(OptionalLong.empty()),
                        budget.number("mb", MIN_LOG_MEGABYTES, MAX_LOG_MEGABYTES)
                                .map(megabytes -> OptionalLong.of(Math.round(megabytes * 1024 * 1024)))
                                .orElse(OptionalLong.empty()),
                        budget.optionalBool("keep_whole")));
    }

    private Optional<WaitFor> waitFor(MappingReader task) {
        return task.mapping("wait_for", "the wait_for of " + task.owner(), FormatKeys.WAIT_FOR)
                .map(reader -> new WaitFor(
                        reader.requiredString("event", "name the event to wait for, such as order_ready")
                                .orElse(""),
                        reader.requiredString(
                                        "key",
                                        "give the key that matches the event, such as " + "\"{{ params.order_id }}\"")
                                .orElse("")));
    }

    private static String taskOwner(MappingNode mapping, int index, String pipelineOwner) {
        return YamlValues.idOf(mapping)
                .map(id -> "task '" + id + "'")
                .orElse("task " + (index + 1) + " of " + pipelineOwner);
    }
}
