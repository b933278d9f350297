package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's controls over runs (SPEC 4, issue 20): re-running an ended run from its failures or from a chosen
 * task, and marking a task success, failed or skipped by hand. Thread-safe: a mark of a run active here goes
 * through that run's coordinator, under its lock.
 */
public final class RunControls {

    /** Starts a new run of the engine, taking over what it is given; see {@link RunExecutor}. */
    interface Launcher {
        String launch(Pipeline pipeline, RunRequest request, SecretMasker masker, TakenOver takenOver);
    }

    private final EngineServices services;
    private final ActiveRuns active;
    private final RunRetry retries;
    private final Launcher launcher;

    RunControls(EngineServices services, ActiveRuns active, Launcher launcher) {
        this.services = services;
        this.active = active;
        this.retries = new RunRetry(services);
        this.launcher = launcher;
    }

    /**
     * Re-runs an ended run as a new run: from its failures (a new run whose successful tasks take over the earlier
     * outputs, and whose other tasks run again), or, with {@code fromTask}, from that task: it and everything
     * downstream of it run again, the other tasks' outputs are taken over. Marks on the ended run's tasks count
     * (see {@link #mark}).
     *
     * @return the new run's id
     * @throws NoSuchRunException           when there is no such run
     * @throws NoSuchTaskException          when the pipeline has no task {@code fromTask}
     * @throws RunStillRunningException     when it has not finished
     * @throws OutputKeptElsewhereException when an output it reuses is kept by another agent
     * @throws AgentStoppingException       when the agent is stopping
     */
    public String retry(String runId, Pipeline pipeline, SecretMasker masker, Optional<String> fromTask) {
        RunRetry.Plan plan = retries.plan(runId, pipeline, fromTask);
        return launcher.launch(pipeline, plan.request(), masker, plan.takenOver());
    }

    /**
     * Marks a task. In a run active on this agent the run goes on from the mark: a pending, queued, retrying or
     * waiting task (an event wait, a sensor between pokes) takes it at once, a running one is stopped first and
     * takes it once its attempt has returned. In an ended run the mark is stored on the task, and the run's next
     * retry goes on from it: a task marked success is taken over with the marked output, one marked skipped stays
     * skipped, one marked failed runs again with everything downstream of it.
     *
     * @param masker the run's pipeline's secrets, masked in the stored output and reason
     * @throws NoSuchRunException        when there is no such run
     * @throws NoSuchTaskException       when the run has no such task
     * @throws TaskNotMarkableException  when the task ended already in a run still going, the run is being
     *                                   cancelled, or another agent runs it
     */
    public MarkOutcome mark(String runId, TaskMarkRequest request, SecretMasker masker) {
        Optional<RunCoordinator> live = active.find(runId);
        if (live.isPresent()) {
            Optional<MarkOutcome> outcome = live.get().mark(request);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        RunDetail detail = services.store().findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        if (detail.task(request.taskId()).isEmpty()) {
            throw new NoSuchTaskException(
                    "run " + runId,
                    request.taskId(),
                    detail.tasks().stream().map(TaskRunRecord::taskId).toList());
        }
        if (!detail.run().status().isTerminal()) {
            String owner = detail.run().agentId();
            throw new TaskNotMarkableException(
                    owner.equals(services.settings().agentId())
                            ? "run " + runId + " is " + detail.run().status().yamlName()
                                    + " but not active on this agent (it is stopping); mark the task once the run "
                                    + "has ended or the agent has started again"
                            : "run " + runId + " is running on agent " + owner
                                    + "; mark its tasks through that agent's API");
        }
        markEnded(runId, request, masker);
        return MarkOutcome.PREPARED;
    }

    private void markEnded(String runId, TaskMarkRequest request, SecretMasker masker) {
        Instant now = services.clock().instant();
        Optional<StoredOutput> output = request.outputGiven()
                ? Optional.of(services.outputs()
                        .store(runId, request.taskId(), request.output(), masker)
                        .orElse(new StoredOutput(Optional.empty(), Optional.empty(), 0)))
                : Optional.empty();
        services.store().markTask(runId, request.taskId(), request.record(now, masker), output);
        services.store()
                .addEvent(
                        runId,
                        "task_marked",
                        masker.mask("task " + request.taskId() + " " + request.describe()
                                + "; the run's next retry goes on from it"),
                        now);
    }
}
