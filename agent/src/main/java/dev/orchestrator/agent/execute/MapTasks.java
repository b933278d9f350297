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
 * {@code max_parallel}), and stops or abandons them with the run. Not thread-safe: used under the coordinator's
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

    MapTasks(
            Pipeline pipeline,
            RunRecord run,
            Map<String, Object> variables,
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
        this.launcher = new ItemLauncher(pipeline, run, variables, masker, pool, services);
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
        int maxParallel = task.forEach().orElseThrow().maxParallelOr(pipeline.maxConcurrency());
        MapTask map = new MapTask(
                task,
                attempt,
                maxParallel,
                run.runId(),
                task.passOutputFrom().map(outputs::get).orElse(null),
                services,
                launcher,
                timers,
                masker,
                new MapTask.Run() {
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
        Optional<String> retried = run.trigger() == TriggerKind.RETRY ? run.parentRunId() : Optional.empty();
        map.begin(items, retried);
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

    /**
     * A map is under way: items running or waiting out a retry delay. Such a run is not left to the next start (a
     * map is not resumed from its rows yet).
     */
    boolean anyRunning() {
        return !active.isEmpty();
    }
}
