package dev.orchestrator.agent.hook;

import dev.orchestrator.agent.execute.FinishedRun;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.RunLifecycle;
import dev.orchestrator.connector.HookEvent;
import dev.orchestrator.connector.HookHandler;
import dev.orchestrator.model.HookRef;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code on_success} / {@code on_failure} (SPEC 4) once a run or task has ended and its state is stored:
 * {@code trigger:<id>} starts that pipeline with the same parameters, refusing chains deeper than
 * {@value #MAX_TRIGGER_DEPTH}; {@code hook:<name>} calls a hook plugin. Whatever happens is recorded on the
 * run and changes nothing else. Hooks run on their own threads, so a slow one holds up no run.
 */
public final class HookRunner implements RunObserver, AutoCloseable {

    static final int MAX_TRIGGER_DEPTH = 10;
    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final RunLifecycle store;
    private final Supplier<Map<String, HookHandler>> hooks;
    private final Clock clock;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "hooks");
        thread.setDaemon(true);
        return thread;
    });

    public HookRunner(
            PipelineRegistry pipelines,
            RunExecutor executor,
            RunLifecycle store,
            Map<String, HookHandler> hooks,
            Clock clock) {
        this(pipelines, executor, store, constant(Map.copyOf(hooks)), clock);
    }

    /** @param hooks the hook plugins installed when a hook is called (the plugins directory may change) */
    public HookRunner(
            PipelineRegistry pipelines,
            RunExecutor executor,
            RunLifecycle store,
            Supplier<Map<String, HookHandler>> hooks,
            Clock clock) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.store = store;
        this.hooks = hooks;
        this.clock = clock;
    }

    private static Supplier<Map<String, HookHandler>> constant(Map<String, HookHandler> hooks) {
        return () -> hooks;
    }

    @Override
    public void runFinished(Pipeline pipeline, FinishedRun run) {
        Optional<HookRef> hook = run.state() == RunState.SUCCESS
                ? pipeline.onSuccess()
                : run.state() == RunState.FAILED ? pipeline.onFailure() : Optional.empty();
        hook.ifPresent(ref -> threads.execute(() -> fire(
                ref,
                pipeline,
                run.runId(),
                Optional.empty(),
                run.state().yamlName(),
                run.params(),
                run.triggerDepth(),
                run.firstError())));
    }

    @Override
    public void taskFinished(
            Pipeline pipeline, String runId, String taskId, TaskState state, Map<String, Object> params) {
        Optional<Task> task = pipeline.task(taskId);
        Optional<HookRef> hook = task.flatMap(found -> state == TaskState.SUCCESS
                ? found.onSuccess()
                : state.isFailure() ? found.onFailure() : Optional.empty());
        hook.ifPresent(ref -> threads.execute(
                () -> fire(ref, pipeline, runId, Optional.of(taskId), state.yamlName(), params, 0, Optional.empty())));
    }

    private void fire(
            HookRef hook,
            Pipeline pipeline,
            String runId,
            Optional<String> taskId,
            String status,
            Map<String, Object> params,
            int depth,
            Optional<String> error) {
        String where = taskId.map(id -> "task '" + id + "'").orElse("pipeline '" + pipeline.id() + "'");
        try {
            if (hook.kind() == HookRef.Kind.TRIGGER) {
                trigger(hook.target(), runId, params, depth, where);
            } else {
                call(hook.target(), new HookEvent(pipeline.id(), runId, taskId, status, params, error), runId, where);
            }
        } catch (RuntimeException e) {
            record(runId, "hook_failed", hook + " of " + where + " failed: " + e);
        }
    }

    private void trigger(String targetId, String runId, Map<String, Object> params, int depth, String where) {
        int nextDepth = depth + 1;
        if (nextDepth > MAX_TRIGGER_DEPTH) {
            record(
                    runId,
                    "trigger_refused",
                    "trigger:" + targetId + " of " + where + " was refused: the chain of "
                            + "triggered runs would be " + nextDepth + " deep, more than " + MAX_TRIGGER_DEPTH
                            + "; a pipeline that triggers itself loops");
            return;
        }
        Optional<Pipeline> target = pipelines.find(targetId);
        if (target.isEmpty()) {
            record(
                    runId,
                    "trigger_failed",
                    "trigger:" + targetId + " of " + where + ": no runnable pipeline '" + targetId + "'");
            return;
        }
        String started = executor.start(
                target.get(),
                new RunRequest(TriggerKind.HOOK, Optional.empty(), params, nextDepth, Optional.of(runId)),
                pipelines.secrets());
        record(runId, "triggered", "trigger:" + targetId + " of " + where + " started run " + started);
    }

    private void call(String name, HookEvent event, String runId, String where) {
        HookHandler handler = hooks.get().get(name);
        if (handler == null) {
            record(runId, "hook_failed", "hook:" + name + " of " + where + ": no plugin provides this hook");
            return;
        }
        try {
            handler.handle(event);
            record(runId, "hook_called", "hook:" + name + " of " + where + " ran");
        } catch (Exception e) {
            record(runId, "hook_failed", "hook:" + name + " of " + where + " failed: " + e);
        }
    }

    private void record(String runId, String kind, String message) {
        String masked = pipelines.secrets().mask(message);
        try {
            store.addEvent(runId, kind, masked, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("cannot record on run {} that {}: {}", runId, masked, e.toString());
        }
        if (!"hook_called".equals(kind) && !"triggered".equals(kind)) {
            LOG.warn("run {}: {}", runId, masked);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
