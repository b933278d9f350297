package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PipelineCall;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code pipeline:} tasks of one run (issue 19): starts a task's child run with its rendered {@code params} (in a
 * retry, takes over instead the child that the retried run's task started, when that child succeeded), and turns the
 * child's end into the task's outcome: success with the child's outputs (a map of its task ids to their outputs), or
 * failure with the child's. The wait itself is an event wait ({@link EventWaiting}, {@link PipelineCalls}).
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class CallWaiting {

    private static final Set<TaskState> FAILED = EnumSet.of(TaskState.FAILED, TaskState.TIMEOUT, TaskState.CRASHED);

    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final Map<String, Object> outputs;
    private final EngineServices services;
    // by task id, the child run of the task's latest attempt
    private final Map<String, String> children = new HashMap<>();
    // the tasks whose latest attempt took over a child run that had ended already
    private final Set<String> reused = new HashSet<>();

    /** @param outputs the outputs of the run's tasks that succeeded so far, read when a call renders its params */
    CallWaiting(
            RunRecord run,
            Map<String, Object> variables,
            SecretMasker masker,
            Map<String, Object> outputs,
            EngineServices services) {
        this.run = run;
        this.variables = variables;
        this.masker = masker;
        this.outputs = outputs;
        this.services = services;
    }

    /**
     * Starts the task's child run, or takes over the successful child of the run this one retries, and records the
     * call on both runs.
     *
     * @return the child run's id: the key of the task's wait
     * @throws TemplateRenderException       naming the task, when its params do not render
     * @throws UnableToCallPipelineException when the called pipeline is not loaded, or the agent is stopping
     */
    String start(Task task) {
        Optional<String> succeeded = succeededChildOfRetriedRun(task.id());
        String childRunId = succeeded.orElseGet(() -> launch(task));
        if (succeeded.isPresent()) {
            reused.add(task.id());
        } else {
            reused.remove(task.id());
        }
        services.store().recordCall(run.runId(), task.id(), childRunId);
        children.put(task.id(), childRunId);
        return childRunId;
    }

    private String launch(Task task) {
        return launch(services, run, masker, task, TaskVariables.of(variables, task, outputs));
    }

    /**
     * Starts a child run of the pipeline {@code task} calls, its {@code params} rendered with {@code variables}
     * (an item's, for a {@code for_each} task), seeing the caller's logical time.
     *
     * @return the child run's committed id
     * @throws TemplateRenderException       naming the task, when its params do not render
     * @throws UnableToCallPipelineException when the called pipeline is not loaded, or the agent is stopping
     */
    static String launch(
            EngineServices services, RunRecord run, SecretMasker masker, Task task, Map<String, Object> variables) {
        PipelineCall call = task.call().orElseThrow();
        Pipeline called = services.calls()
                .pipeline(call.pipelineId())
                .orElseThrow(() -> new UnableToCallPipelineException(
                        "task '" + task.id() + "' calls pipeline '" + call.pipelineId() + "', which is not loaded "
                                + "on this agent (removed, or its file does not validate now); load it, then retry "
                                + "this run",
                        null));
        Map<String, Object> params;
        try {
            params = services.templates().renderAll(call.params(), variables, "params");
        } catch (TemplateRenderException e) {
            throw e.inTask(task.id());
        }
        // the child sees the caller's logical time: a backfilled day calls its child for the same day
        RunRequest request = new RunRequest(
                TriggerKind.PIPELINE,
                Optional.of(run.logicalTime()),
                params,
                run.triggerDepth() + 1,
                Optional.of(run.runId()));
        try {
            return services.calls().start(called, request, masker);
        } catch (AgentStoppingException e) {
            throw new UnableToCallPipelineException(
                    "task '" + task.id() + "' could not start its run of pipeline '" + call.pipelineId() + "': "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * In a retry, the child run the retried run's task started, when the child succeeded though the task did not
     * (its run was cancelled or crashed as the child ended). A task that succeeded runs again only when the retry
     * asks for it by name ({@code --from-task}), and one an operator marked failed is to be redone: those start a
     * new child.
     */
    private Optional<String> succeededChildOfRetriedRun(String taskId) {
        if (run.trigger() != TriggerKind.RETRY || run.parentRunId().isEmpty()) {
            return Optional.empty();
        }
        return services.store()
                .findRun(run.parentRunId().get())
                .filter(retried -> retried.task(taskId)
                        .map(task -> task.status() != TaskState.SUCCESS
                                && task.mark().isEmpty())
                        .orElse(false))
                .flatMap(retried -> retried.calls().childRunOf(taskId))
                .filter(child -> services.store()
                        .findRunProgress(child)
                        .map(progress -> progress.run().status() == RunState.SUCCESS)
                        .orElse(false));
    }

    /**
     * True when the task's latest attempt took over a child run that had ended already (whose end nobody posts
     * again); a child it started posts its own end, also when it ends before the task began to wait.
     */
    boolean tookOverEndedChild(String taskId) {
        return reused.contains(taskId);
    }

    /** The child run of the task's latest attempt: known here, or recorded by an earlier process of the agent. */
    Optional<String> child(String taskId) {
        String known = children.get(taskId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> stored = services.store()
                .findRun(run.runId())
                .flatMap(detail -> detail.calls().childRunOf(taskId));
        stored.ifPresent(child -> children.put(taskId, child));
        return stored;
    }

    /** The task stopped waiting without its child's end (cancelled, timed out, marked): the child is cancelled. */
    void abandon(Task task) {
        child(task.id())
                .ifPresent(child -> services.calls()
                        .cancel(
                                child,
                                "cancelled: task '" + task.id() + "' of run " + run.runId()
                                        + ", which called this run, stopped waiting for it"));
    }

    /** The child's end turned into the task's: its outputs, or its failure. */
    Approvals.Outcome outcome(Task task, Object delivered) {
        Map<?, ?> payload = delivered instanceof Map<?, ?> map ? map : Map.of();
        return outcome(services, task.id(), String.valueOf(payload.get("run_id")));
    }

    /** A child run's end, as its caller's ({@code callerId}: a task, or an item {@code <task>[<index>]}). */
    static Approvals.Outcome outcome(EngineServices services, String callerId, String childRunId) {
        Optional<RunDetail> child = services.store().findRun(childRunId);
        if (child.isEmpty()) {
            return failed("task '" + callerId + "': its child run " + childRunId + " is gone from the history");
        }
        RunRecord childRun = child.get().run();
        String which = "child run " + childRunId + " of pipeline '" + childRun.pipelineId() + "'";
        if (childRun.status() != RunState.SUCCESS) {
            return failed(which + " ended " + childRun.status().yamlName() + failure(child.get()));
        }
        // one query for all of them, not one per task (issue 19: a call's cost)
        Map<String, StoredOutput> stored = services.store().findOutputs(childRunId);
        Map<String, Object> childOutputs = new LinkedHashMap<>();
        for (TaskRunRecord childTask : child.get().tasks()) {
            if (childTask.status() == TaskState.SUCCESS) {
                StoredOutput output = stored.get(childTask.taskId());
                childOutputs.put(
                        childTask.taskId(),
                        output == null ? null : services.outputs().load(output));
            }
        }
        return new Approvals.Outcome(
                TaskState.SUCCESS,
                AttemptResult.success(childOutputs),
                which + " succeeded; the outputs of its tasks " + childOutputs.keySet() + " are this task's output");
    }

    /** The child's first failed task and the first line of its error, else why the run ended. */
    private static String failure(RunDetail child) {
        Optional<TaskRunRecord> failedTask = child.tasks().stream()
                .filter(task -> FAILED.contains(task.status()))
                .findFirst();
        if (failedTask.isPresent()) {
            TaskRunRecord task = failedTask.get();
            Optional<String> error = task.reason()
                    .or(() -> task.attempts().isEmpty()
                            ? Optional.empty()
                            : task.attempts().get(task.attempts().size() - 1).errorMessage());
            return ": task '" + task.taskId() + "' " + task.status().yamlName()
                    + error.map(text -> ": " + Texts.firstLine(text)).orElse("");
        }
        return child.run()
                .reason()
                .map(reason -> ": " + Texts.firstLine(reason))
                .orElse("");
    }

    private static Approvals.Outcome failed(String reason) {
        return new Approvals.Outcome(
                TaskState.FAILED, AttemptResult.failure(new ChildRunFailedException(reason)), reason);
    }
}
