package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code for_each} tasks of one run that are running now, as its coordinator sees them: it begins one when the
 * task is ready (taking no slot of the run's {@code max_concurrency}: its items have their own
 * {@code max_parallel}), stops or abandons them with the run, and, at the
 * agent's stop, holds them and leaves them to its next start, which resumes them. Not thread-safe: used under the coordinator's
 * lock.
 */
final class MapTasks {

    private final Pipeline pipeline;
    private final RunRecord run;
    private final Map<String, Object> variables;
    private final SecretMasker masker;
    private final EngineServices services;
    private final RunTimers timers;
    private final ItemLauncher launcher;
    private final RunLoop loop;
    private final TaskFinisher finisher;
    private final Map<String, MapTask> active = new LinkedHashMap<>();
    private final Map<String, Runnable> restored = new LinkedHashMap<>();

    MapTasks(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
            Map<String, Object> outputs,
            SecretMasker masker,
            ConnectorPool pool,
            EngineServices services,
            RunTimers timers,
            RunLoop loop,
            TaskFinisher finisher) {
        this.pipeline = pipeline;
        this.run = run;
        this.variables = variables;
        this.masker = masker;
        this.services = services;
        this.timers = timers;
        this.launcher = new ItemLauncher(pipeline, run, variables, outputs, masker, pool, services);
        this.loop = loop;
        this.finisher = finisher;
    }

    /**
     * Begins the map task, whose one attempt (the map as a whole) has started: its list is taken from its source,
     * and a source that is not a list fails the task at once, without retries (they count per item).
     */
    void begin(Task task, RunningAttempt attempt, Map<String, Object> outputs) {
        List<?> items;
        try {
            items = MapItems.resolve(task, outputs, variables, services.templates(), services.json());
        } catch (RuntimeException e) {
            attempt.context().log().error(Texts.messageOf(e));
            finisher.finish(attempt, TaskState.FAILED, AttemptResult.failure(e));
            return;
        }
        MapTask map =
                create(task, attempt, task.passOutputFrom().map(outputs::get).orElse(null));
        Optional<String> retried = run.trigger() == TriggerKind.RETRY ? run.parentRunId() : Optional.empty();
        map.begin(items, retried);
    }

    /**
     * A map task that an earlier process of the agent left under way, taken over with its attempt; it goes on from
     * its rows at {@link #resumeRestored()}.
     *
     * @param outputs the outputs of the run's tasks that succeeded, read when it goes on
     */
    void restore(Task task, RunningAttempt attempt, Map<String, Object> outputs) {
        restored.put(
                task.id(),
                () -> create(
                                task,
                                attempt,
                                task.passOutputFrom().map(outputs::get).orElse(null))
                        .resume());
    }

    /** The restored maps go on: succeeded items are kept, the others run ({@link MapResumption}). */
    void resumeRestored() {
        List<Runnable> resuming = List.copyOf(restored.values());
        restored.clear();
        resuming.forEach(Runnable::run);
    }

    private MapTask create(Task task, RunningAttempt attempt, Object data) {
        int maxParallel = task.forEach().orElseThrow().maxParallelOr(pipeline.maxConcurrency());
        MapTask map = new MapTask(
                task, attempt, maxParallel, run.runId(), data, services, launcher, timers, masker, new MapTask.Run() {
                    @Override
                    public void step(Runnable work) {
                        loop.step(() -> {
                            work.run();
                            loop.pump(); // each step of a map may let the run move on
                        });
                    }

                    @Override
                    public void finish(RunningAttempt mapAttempt, TaskState outcome, AttemptResult result) {
                        active.remove(task.id());
                        finisher.finish(mapAttempt, outcome, result);
                    }
                });
        active.put(task.id(), map);
        return map;
    }

    /** The run stops: running items stop, the others end without running, each map ends once its items have. */
    void stopAll(TaskState as, String reason) {
        List.copyOf(active.values()).forEach(map -> map.stop(as, reason));
    }

    /** The engine failed running the run: items stop, nothing more is recorded. */
    void abandonAll() {
        active.values().forEach(MapTask::abandon);
        active.clear();
    }

    /** A map is under way: items running, waiting out a retry delay, or not started yet. */
    boolean anyRunning() {
        return !active.isEmpty();
    }

    /** The agent is stopping: no more items start ({@link MapTask#hold}). */
    void holdAll() {
        active.values().forEach(MapTask::hold);
    }

    /** The agent's grace is over: running items stop and wait for the next start ({@link MapTask#interrupt}). */
    void interruptAll(String reason) {
        List.copyOf(active.values()).forEach(map -> map.interrupt(reason));
    }

    /** No item of any map runs its code now. */
    boolean allIdle() {
        return active.values().stream().allMatch(MapTask::isIdle);
    }

    /** The run is left to the next start: the maps stay as stored ({@link MapTask#detach}). */
    void detachAll() {
        active.values().forEach(MapTask::detach);
        active.clear();
    }
}
