package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.execute.ScheduledOutcome;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each scheduled fire claimed in the database by the agent that handles it, so that a fire becomes one run across
 * a cluster (SPEC 11), and what becomes of the fires that do not simply start on time: missed ones follow the
 * pipeline's misfire policy, skipped ones are recorded. Thread-safe.
 */
final class FireClaims {

    private static final Logger LOG = LoggerFactory.getLogger(FireClaims.class);

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final PipelineStateStore state;
    private final String agentId;
    private final Clock clock;
    private final ZoneId agentZone;

    FireClaims(
            PipelineRegistry pipelines,
            RunExecutor executor,
            PipelineStateStore state,
            String agentId,
            Clock clock,
            ZoneId agentZone) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.state = state;
        this.agentId = agentId;
        this.clock = clock;
        this.agentZone = agentZone;
    }

    /** A fire's key in the claims: its time to the second, as the run's logical time. */
    static Instant key(ZonedDateTime fireTime) {
        return fireTime.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Claims a fire this agent will start at its time; false when another agent (or this one) has it. */
    boolean hold(Pipeline pipeline, ZonedDateTime fireTime) {
        return state.claimFire(pipeline.id(), key(fireTime), agentId, clock.instant());
    }

    /** Claims missed fires and catches up those this agent got, per the pipeline's misfire policy. */
    void catchUp(Pipeline pipeline, List<ZonedDateTime> missed, String why) {
        catchUpClaimed(pipeline, claimSettled(pipeline, missed), why);
    }

    /**
     * Claims fires that came late but within the misfire threshold (handed over late by a busy machine), and runs
     * each this agent got with its own time, queued behind {@code max_instances} like a catch-up run: a late fire
     * is not a missed one, and no misfire policy applies to it.
     */
    void runLate(Pipeline pipeline, List<ZonedDateTime> late) {
        claimSettled(pipeline, late).forEach(time -> runMissed(pipeline, time));
    }

    private List<ZonedDateTime> claimSettled(Pipeline pipeline, List<ZonedDateTime> fires) {
        if (fires.isEmpty()) {
            return fires;
        }
        Map<Instant, ZonedDateTime> byKey = new LinkedHashMap<>();
        fires.forEach(time -> byKey.put(key(time), time));
        return state.claimSettledFires(pipeline.id(), List.copyOf(byKey.keySet()), agentId, clock.instant()).stream()
                .map(byKey::get)
                .toList();
    }

    /** Fires this agent has claimed that were missed: the pipeline's misfire policy decides. */
    void catchUpClaimed(Pipeline pipeline, List<ZonedDateTime> missed, String why) {
        if (missed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        switch (pipeline.schedule().misfire()) {
            case RUN_ONCE -> {
                ZonedDateTime latest = missed.get(missed.size() - 1);
                // each fire that does not run is recorded at its own time, as misfire: skip does: every fire of the
                // schedule is then a run or a record
                for (ZonedDateTime time : missed.subList(0, missed.size() - 1)) {
                    state.recordScheduleEvent(
                            pipeline.id(),
                            time.toInstant(),
                            "misfire_merged",
                            why + "; not run: merged into the catch-up run for " + latest + ", one of " + missed.size()
                                    + " fires missed from " + missed.get(0) + " (misfire: run_once)",
                            now);
                }
                runMissed(pipeline, latest);
            }
            case SKIP -> {
                for (ZonedDateTime time : missed) {
                    state.recordScheduleEvent(
                            pipeline.id(), time.toInstant(), "misfire_skipped", why + "; not run (misfire: skip)", now);
                }
            }
            case RUN_ALL -> missed.forEach(time -> runMissed(pipeline, time));
        }
    }

    private void runMissed(Pipeline pipeline, ZonedDateTime logicalTime) {
        RunRequest request =
                new RunRequest(TriggerKind.SCHEDULE, Optional.of(logicalTime), Map.of(), 0, Optional.empty());
        if (executor.start(pipeline, request, pipelines.secrets(), RunExecutor.WhenBusy.QUEUE)
                .isEmpty()) {
            recordSkipped(
                    pipeline, logicalTime, new ScheduledOutcome.Busy(executor.runningCount(pipeline.id()), false));
        }
    }

    /** A held fire not run because the pipeline has max_instances runs going: settled and recorded. */
    void skippedBusy(Pipeline pipeline, ZonedDateTime fireTime, ScheduledOutcome.Busy busy) {
        if (state.settleFire(pipeline.id(), key(fireTime), agentId)) {
            recordSkipped(pipeline, fireTime, busy);
        }
    }

    /** Records what became of a fire handed to the executor: one skipped or refused is recorded as not run. */
    void settle(Pipeline pipeline, ZonedDateTime fireTime, ScheduledOutcome outcome) {
        switch (outcome.kind()) {
            case SKIPPED_BUSY -> skippedBusy(pipeline, fireTime, outcome.busy().orElseThrow());
            case REFUSED -> {
                String reason = outcome.reason().orElse("its parameters were refused");
                LOG.error("pipeline {}: the fire for {} was not run: {}", pipeline.id(), fireTime, reason);
                notRun(pipeline, fireTime, "params_refused", "not run: " + reason);
            }
            case CLAIMED_ELSEWHERE ->
                LOG.warn(
                        "pipeline {}: the fire for {} was taken over by another agent (this one was thought dead); not"
                                + " run here",
                        pipeline.id(),
                        fireTime);
            case STARTED, HANDED_OVER -> {
                // its claim was settled with the run (here, or handed to a less busy agent)
            }
        }
    }

    /** A held fire that will not run: settled and recorded, unless another agent took it over. */
    void notRun(Pipeline pipeline, ZonedDateTime fireTime, String kind, String message) {
        try {
            if (state.settleFire(pipeline.id(), key(fireTime), agentId)) {
                state.recordScheduleEvent(pipeline.id(), fireTime.toInstant(), kind, message, clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "cannot record that the fire of {} for {} did not run: {}", pipeline.id(), fireTime, e.toString());
        }
    }

    /**
     * Gives up a held fire that has not started (the agent is stopping), so that it stays due.
     *
     * @return false when another agent took it over meanwhile, which then handled it
     */
    boolean release(Pipeline pipeline, ZonedDateTime fireTime) {
        return state.releaseFire(pipeline.id(), key(fireTime), agentId);
    }

    /**
     * Takes over the fires a dead agent held and never started; each is a missed fire.
     *
     * @return how many were taken over
     */
    int takeOver(String deadAgentId) {
        List<PipelineStateStore.Fire> fires = state.takeOverFires(deadAgentId, agentId, clock.instant());
        Map<String, List<Instant>> byPipeline = new LinkedHashMap<>();
        fires.forEach(fire -> byPipeline
                .computeIfAbsent(fire.pipelineId(), id -> new ArrayList<>())
                .add(fire.fireTime()));
        byPipeline.forEach((pipelineId, times) -> {
            Optional<Pipeline> pipeline = pipelines.find(pipelineId);
            if (pipeline.isEmpty()) {
                LOG.warn(
                        "agent {} died holding {} fire(s) of pipeline {}, which is not loaded here",
                        deadAgentId,
                        times.size(),
                        pipelineId);
                return;
            }
            ZoneId zone = pipeline.get().schedule().zoneOr(agentZone);
            catchUpClaimed(
                    pipeline.get(),
                    times.stream().map(time -> time.atZone(zone)).toList(),
                    "handed to agent " + deadAgentId + ", which died before its time");
        });
        return fires.size();
    }

    private void recordSkipped(Pipeline pipeline, ZonedDateTime logicalTime, ScheduledOutcome.Busy busy) {
        String message = skippedMessage(busy, pipeline.schedule().maxInstances());
        state.recordScheduleEvent(
                pipeline.id(), logicalTime.toInstant(), "skipped_max_instances", message, clock.instant());
        LOG.warn("pipeline {}: the fire for {} is {}", pipeline.id(), logicalTime, message);
    }

    /** The reason of a fire skipped for max_instances, with the count the decision used. */
    static String skippedMessage(ScheduledOutcome.Busy busy, int maxInstances) {
        return "not run: " + busy.running() + " run(s) of it still going" + (busy.inCluster() ? " in the cluster" : "")
                + " and max_instances is " + maxInstances;
    }
}
