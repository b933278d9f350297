package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's triggers kept in step with the loaded pipelines and their pauses: one trigger per timed pipeline, set
 * a {@link ScheduleService#LEAD} ahead of its next fire, and set anew after each fire. Every change of a trigger
 * is made under this object's lock. Thread-safe.
 */
final class TriggerSync {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSync.class);

    private final PipelineRegistry pipelines;
    private final PipelineStateStore state;
    private final TriggerScheduler triggers;
    private final ScheduleTimings timings;
    private final Clock clock;
    private final ZoneId agentZone;
    // parsing cron for every fire costs a millisecond or two; a fingerprint says when a cached one is stale
    private final Map<String, Map.Entry<String, FireTimes>> fireTimes = new ConcurrentHashMap<>();
    // the earliest fire of each pipeline left due by a stop; guarded by this
    private final Map<String, Instant> leftDue = new HashMap<>();
    // setting the next trigger takes Quartz's lock: done off the firing thread, so that fires due together are
    // not queued behind each other's rescheduling (measured: 200 at once, 1.3 s to start them all otherwise)
    private final ScheduledExecutorService rescheduler = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "rescheduler");
        thread.setDaemon(true);
        return thread;
    });

    TriggerSync(
            PipelineRegistry pipelines,
            PipelineStateStore state,
            TriggerScheduler triggers,
            ScheduleTimings timings,
            Clock clock,
            ZoneId agentZone) {
        this.pipelines = pipelines;
        this.state = state;
        this.triggers = triggers;
        this.timings = timings;
        this.clock = clock;
        this.agentZone = agentZone;
    }

    /**
     * Makes the triggers match the pipelines: new schedules get a trigger, changed ones a new one, removed
     * pipelines lose theirs; an unchanged trigger keeps its (maybe missed) next fire.
     *
     * @param fromLastClaim a missing trigger is set for the first fire after the pipeline's last claimed one,
     *                      not after now: after an agent died between a fire and setting the next one, the
     *                      fires missed meanwhile follow the misfire policy instead of vanishing
     */
    synchronized void sync(boolean fromLastClaim) {
        Instant now = clock.instant();
        Map<String, String> existing = triggers.fingerprints();
        Set<String> paused = state.pausedPipelines();
        Set<String> timed = new HashSet<>();
        for (Pipeline pipeline : pipelines.runnable()) {
            FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
            if (!fireTimes.isTimed()) {
                continue;
            }
            timed.add(pipeline.id());
            String fingerprint = fingerprint(pipeline, fireTimes);
            String found = existing.get(pipeline.id());
            if (found == null && fromLastClaim && !paused.contains(pipeline.id())) {
                Instant after = state.lastClaimedFire(pipeline.id())
                        .filter(last -> last.isBefore(now))
                        .orElse(now);
                scheduleNext(pipeline.id(), fireTimes, after, fingerprint);
            } else if (!fingerprint.equals(found)) {
                scheduleNext(pipeline.id(), fireTimes, now, fingerprint);
            }
            if (paused.contains(pipeline.id())) {
                triggers.pause(pipeline.id());
            }
        }
        for (String scheduled : triggers.scheduledPipelines()) {
            if (!timed.contains(scheduled)) {
                triggers.unschedule(scheduled);
                LOG.info("pipeline {} has no schedule any more; its trigger is removed", scheduled);
            }
        }
        timings.forget();
    }

    synchronized void pause(String pipelineId) {
        state.setPaused(pipelineId, true, clock.instant());
        if (triggers.scheduledPipelines().contains(pipelineId)) {
            triggers.pause(pipelineId);
        }
        timings.forget();
    }

    synchronized void resume(String pipelineId) {
        state.setPaused(pipelineId, false, clock.instant());
        timings.forget(); // and again below, when the trigger is set
        pipelines.find(pipelineId).ifPresent(pipeline -> {
            FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
            if (fireTimes.isTimed()) {
                scheduleNext(pipelineId, fireTimes, clock.instant(), fingerprint(pipeline, fireTimes));
            }
        });
    }

    /** A fire was handed over: its pipeline's next fire is set after {@code after}, on the rescheduler thread. */
    void afterFire(Pipeline pipeline, FireTimes fireTimes, Instant after) {
        if (!rescheduler.isShutdown()) { // stopping: the next start's sync sets the trigger again
            rescheduler.execute(() -> rescheduleAfterFire(pipeline, fireTimes, after));
        }
    }

    private synchronized void rescheduleAfterFire(Pipeline pipeline, FireTimes fireTimes, Instant after) {
        if (leftDue.containsKey(pipeline.id())) {
            return; // the trigger was set back to a fire left due by the stop, which must stay
        }
        try {
            scheduleNext(pipeline.id(), fireTimes, after, fingerprint(pipeline, fireTimes));
            if (timings.of(pipeline.id()).paused()) {
                triggers.pause(pipeline.id());
            }
        } catch (RuntimeException e) {
            // the database out of reach a moment, or too busy: tried again, as a pipeline without its trigger
            // would fire no more (the fires due meanwhile come late, with the next)
            LOG.error(
                    "cannot set the next fire of pipeline {}: {}; trying again in a second",
                    pipeline.id(),
                    e.toString());
            if (!rescheduler.isShutdown()) {
                rescheduler.schedule(() -> rescheduleAfterFire(pipeline, fireTimes, after), 1, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A fire failed before its pipeline's next fire was set: Quartz has deleted the trigger that fired, so it is set
     * again to the same fire a second from now (the fire claims keep it from running twice).
     */
    void fireAgain(String pipelineId, Instant scheduledFor) {
        try {
            pipelines
                    .find(pipelineId)
                    .ifPresent(pipeline -> triggers.schedule(
                            pipelineId,
                            clock.instant().plusSeconds(1),
                            scheduledFor,
                            fingerprint(pipeline, fireTimesOf(pipeline))));
        } catch (RuntimeException e) {
            LOG.error("cannot set the fire of pipeline {} again: {}", pipelineId, e.toString());
        }
    }

    /**
     * A fire this agent will not start, as it is stopping: the pipeline's trigger is set back to it, so that it
     * stays due. Alone, the agent's next start finds it missed and applies the pipeline's misfire policy; in a
     * cluster, another agent fires it (on time, or as missed). The fires after it come with it: a late fire
     * catches up every fire since, and the claims let none run twice.
     */
    synchronized void leaveDue(String pipelineId, Instant fireTime) {
        Optional<Pipeline> pipeline = pipelines.find(pipelineId);
        if (pipeline.isEmpty()) {
            return;
        }
        Instant earliest = leftDue.merge(pipelineId, fireTime, (left, now) -> left.isBefore(now) ? left : now);
        FireTimes fireTimes = fireTimesOf(pipeline.get());
        triggers.schedule(
                pipelineId, earliest.minus(ScheduleService.LEAD), earliest, fingerprint(pipeline.get(), fireTimes));
        if (state.pausedPipelines().contains(pipelineId)) {
            triggers.pause(pipelineId);
        }
        timings.forget();
        LOG.info(
                "pipeline {}: the agent is stopping; the fire for {} is left due, for the next start or another "
                        + "agent",
                pipelineId,
                earliest.atZone(fireTimes.zone()));
    }

    /** The pipeline's fire times, parsed once per schedule. */
    FireTimes fireTimesOf(Pipeline pipeline) {
        String key = pipeline.schedule().toString();
        Map.Entry<String, FireTimes> cached = fireTimes.get(pipeline.id());
        if (cached != null && cached.getKey().equals(key)) {
            return cached.getValue();
        }
        FireTimes computed = FireTimes.of(pipeline.schedule(), agentZone);
        fireTimes.put(pipeline.id(), Map.entry(key, computed));
        return computed;
    }

    private void scheduleNext(String pipelineId, FireTimes fireTimes, Instant after, String fingerprint) {
        Optional<ZonedDateTime> next = fireTimes.nextAfter(after);
        if (next.isPresent()) {
            triggers.schedule(
                    pipelineId,
                    next.get().toInstant().minus(ScheduleService.LEAD),
                    next.get().toInstant(),
                    fingerprint);
        } else {
            triggers.unschedule(pipelineId);
            LOG.info("pipeline {} will not fire again (its end_date has passed)", pipelineId);
        }
        timings.forget();
    }

    /** What identifies a schedule: a trigger is replaced only when this changes. */
    private static String fingerprint(Pipeline pipeline, FireTimes fireTimes) {
        return pipeline.schedule().toString() + " @ " + fireTimes.zone();
    }

    /** Sets no more triggers after fires; those already asked for are still set (see {@link #awaitRescheduled}). */
    void stopRescheduling() {
        rescheduler.shutdown();
    }

    void awaitRescheduled() {
        try {
            rescheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
