package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.execute.RunExecutor.ScheduledStart;
import dev.orchestrator.agent.store.RunLifecycle;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.template.InvalidParamException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of schedule fires due at the same moment, started as one batch: each fire is skipped when its pipeline
 * has {@code max_instances} runs going (here, or in the cluster), placed on a less busy agent of the cluster when
 * there is one ({@link RunPlacement}), or started here; the rows of all of them are written in one transaction.
 * Thread-safe.
 */
final class ScheduledStarts {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledStarts.class);

    private final EngineServices services;
    private final NewRuns newRuns;
    private final PipelineSlots slots;
    private final RunPlacement placement;
    private final IntSupplier activeRuns;
    private final Consumer<RunCoordinator> goOn;

    /**
     * @param activeRuns how many runs go on this agent now
     * @param goOn       makes a run whose row is committed go on here; it holds its slot already
     */
    ScheduledStarts(
            EngineServices services,
            NewRuns newRuns,
            PipelineSlots slots,
            RunPlacement placement,
            IntSupplier activeRuns,
            Consumer<RunCoordinator> goOn) {
        this.services = services;
        this.newRuns = newRuns;
        this.slots = slots;
        this.placement = placement;
        this.activeRuns = activeRuns;
        this.goOn = goOn;
    }

    /** See {@link RunExecutor#startScheduled}. */
    List<ScheduledOutcome> start(List<ScheduledStart> starts) {
        Instant now = services.clock().instant();
        String agentId = services.settings().agentId();
        List<ScheduledOutcome> outcomes = new ArrayList<>(starts.size());
        List<RunLifecycle.NewRun> rows = new ArrayList<>();
        List<RunCoordinator> coordinators = new ArrayList<>();
        // runs of this batch, here or handed over: not in the store yet, so the cluster's count misses them
        Map<String, Integer> inBatch = new HashMap<>();
        for (ScheduledStart start : starts) {
            Pipeline pipeline = start.pipeline();
            int maxInstances = pipeline.schedule().maxInstances();
            int runningHere = slots.running(pipeline.id());
            if (runningHere >= maxInstances) {
                outcomes.add(ScheduledOutcome.skipped(runningHere, false));
                continue;
            }
            Optional<String> elsewhere = Optional.empty();
            try {
                OptionalInt inCluster = placement.runsInCluster(pipeline.id());
                int counted = inCluster.orElse(0) + inBatch.getOrDefault(pipeline.id(), 0);
                if (inCluster.isPresent() && counted >= maxInstances) {
                    outcomes.add(ScheduledOutcome.skipped(counted, true));
                    continue;
                }
                elsewhere = placement.elsewhere(
                        activeRuns.getAsInt() + coordinators.size(), RunPlacement.demandOf(pipeline));
            } catch (RuntimeException e) {
                // the cluster's state out of reach: this agent runs it, as a single agent would
                LOG.warn("cannot see the cluster's load, running the fire of {} here: {}", pipeline.id(), e.toString());
            }
            NewRuns.Parts parts;
            try {
                // its parameters are bound first: a declaration that refuses them must not leave a slot taken
                parts = newRuns.parts(
                        pipeline, start.request(), start.masker(), now, elsewhere.isEmpty(), elsewhere.orElse(agentId));
            } catch (InvalidParamException e) {
                // this fire only: the other fires of the batch are not the refused pipeline's to lose
                outcomes.add(ScheduledOutcome.refused(e.getMessage()));
                continue;
            }
            inBatch.merge(pipeline.id(), 1, Integer::sum);
            if (elsewhere.isPresent()) {
                // created queued for that agent, which takes it from the database within a moment and starts it
                rows.add(new RunLifecycle.NewRun(parts.run(), NewRuns.taskIds(pipeline)));
                outcomes.add(new ScheduledOutcome(
                        ScheduledOutcome.Kind.HANDED_OVER,
                        Optional.of(parts.run().runId())));
                continue;
            }
            slots.take(pipeline.id());
            rows.add(new RunLifecycle.NewRun(parts.run(), NewRuns.taskIds(pipeline)));
            coordinators.add(newRuns.coordinator(pipeline, parts, start.masker()));
            outcomes.add(new ScheduledOutcome(
                    ScheduledOutcome.Kind.STARTED, Optional.of(parts.run().runId())));
        }
        Set<String> inserted;
        try {
            inserted = services.store().insertScheduledRuns(agentId, rows);
        } catch (RuntimeException e) {
            coordinators.forEach(coordinator -> slots.release(coordinator.pipelineId()));
            throw e;
        }
        for (RunCoordinator coordinator : coordinators) {
            if (!inserted.contains(coordinator.runId())) {
                slots.release(coordinator.pipelineId());
                continue;
            }
            goOn.accept(coordinator);
        }
        return outcomes.stream()
                .map(outcome ->
                        outcome.runId().filter(id -> !inserted.contains(id)).isPresent()
                                ? ScheduledOutcome.ELSEWHERE
                                : outcome)
                .toList();
    }
}
