package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.secret.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs that go on on this agent although it did not create them in this process, rebuilt from the store
 * ({@link RunResumption}): those an earlier process of it left only waiting, those a dead agent of the cluster
 * left only waiting, and those another agent handed to it. A run that cannot go on with the pipeline as loaded
 * here ends as crashed, saying why. The {@link RunExecutor} it serves makes each run go on.
 */
final class RunTakeOver {

    private static final Logger LOG = LoggerFactory.getLogger(RunTakeOver.class);

    private final EngineServices services;
    private final Predicate<String> isActive;
    private final Consumer<RunCoordinator> goOn;

    /**
     * @param isActive whether a run is going on this agent already
     * @param goOn     makes a rebuilt run go on here: it holds a slot and starts
     */
    RunTakeOver(EngineServices services, Predicate<String> isActive, Consumer<RunCoordinator> goOn) {
        this.services = services;
        this.isActive = isActive;
        this.goOn = goOn;
    }

    List<String> resumeWaiting(Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
        return resume(services.store().findResumableRuns(agentId()), pipelineById, masker);
    }

    List<String> adoptWaiting(
            String deadAgentId, Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
        return resume(services.store().adoptResumableRuns(deadAgentId, agentId()), pipelineById, masker);
    }

    List<String> startHandedOver(Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
        String agentId = agentId();
        List<String> started = new ArrayList<>();
        for (String runId : services.store().handedOverRuns(agentId)) {
            Optional<RunDetail> detail = services.store().findRun(runId);
            if (detail.isEmpty()) {
                continue; // purged: its hand-over row went with it
            }
            if (detail.get().run().status() != RunState.QUEUED) {
                services.store().takeHandedOverRun(runId, agentId); // ended meanwhile (cancelled, crashed)
                continue;
            }
            // taken only once it is ready to start: a failure before leaves it handed over, to try again
            goOnIfPossible(
                            detail.get(),
                            pipelineById,
                            masker,
                            (found, pipeline) -> RunResumption.handOverObstacle(found, pipeline, agentId),
                            id -> services.store().takeHandedOverRun(id, agentId))
                    .ifPresent(started::add);
        }
        return started;
    }

    private List<String> resume(
            List<String> runIds, Function<String, Optional<Pipeline>> pipelineById, SecretMasker masker) {
        List<String> resumed = new ArrayList<>();
        for (String runId : runIds) {
            services.store()
                    .findRun(runId)
                    .flatMap(
                            detail -> goOnIfPossible(detail, pipelineById, masker, RunResumption::obstacle, id -> true))
                    .ifPresent(resumed::add);
        }
        return resumed;
    }

    /**
     * @param obstacle why the run cannot go on here with the pipeline as loaded, if it cannot
     * @param claim    makes the run this agent's to go on with, as the last step before it does; false when it
     *                 is not to be had
     * @return the run's id when it goes on here
     */
    private Optional<String> goOnIfPossible(
            RunDetail detail,
            Function<String, Optional<Pipeline>> pipelineById,
            SecretMasker masker,
            BiFunction<RunDetail, Optional<Pipeline>, Optional<String>> obstacle,
            Predicate<String> claim) {
        String runId = detail.run().runId();
        if (isActive.test(runId)) {
            return Optional.empty();
        }
        Optional<Pipeline> pipeline = pipelineById.apply(detail.run().pipelineId());
        Optional<String> cannot = obstacle.apply(detail, pipeline);
        if (cannot.isPresent()) {
            if (claim.test(runId)) {
                services.store().crashRun(runId, cannot.get(), services.clock().instant());
                LOG.warn("run {} cannot go on here: {}", runId, cannot.get());
            }
            return Optional.empty();
        }
        RunCoordinator coordinator = new RunResumption(services).coordinator(detail, pipeline.get(), masker);
        if (!claim.test(runId)) {
            return Optional.empty();
        }
        goOn.accept(coordinator);
        return Optional.of(runId);
    }

    private String agentId() {
        return services.settings().agentId();
    }
}
