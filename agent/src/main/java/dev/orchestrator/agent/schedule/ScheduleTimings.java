package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.schedule.ScheduleService.Timing;
import dev.orchestrator.agent.schedule.ScheduleService.UpcomingFire;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When the pipelines fire, as the API and the console show it: whether each is paused and its next fire (the
 * trigger's), and the fires due within a window (from the schedules). Thread-safe.
 */
final class ScheduleTimings {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Snapshot(long takenAt, Map<String, Timing> timings) {}

    private final PipelineRegistry pipelines;
    private final PipelineStateStore state;
    private final TriggerScheduler triggers;
    private final Clock clock;
    private final ZoneId agentZone;
    private volatile Snapshot snapshot;

    ScheduleTimings(
            PipelineRegistry pipelines,
            PipelineStateStore state,
            TriggerScheduler triggers,
            Clock clock,
            ZoneId agentZone) {
        this.pipelines = pipelines;
        this.state = state;
        this.triggers = triggers;
        this.clock = clock;
        this.agentZone = agentZone;
    }

    Timing of(String pipelineId) {
        return all().getOrDefault(pipelineId, Timing.UNKNOWN);
    }

    /**
     * Every runnable pipeline's timing, read from the store at most once per {@link #MAX_AGE}: lists of hundreds
     * of pipelines are asked for many times a second, and each answer would otherwise cost a query per pipeline.
     * A change made here is seen at once; one made by another agent of a cluster within that age. The age is
     * measured on the monotonic timer: it is a time elapsed, not a time of day.
     */
    Map<String, Timing> all() {
        Snapshot taken = snapshot;
        if (taken != null && System.nanoTime() - taken.takenAt() < MAX_AGE.toNanos()) {
            return taken.timings();
        }
        long takenAt = System.nanoTime();
        Set<String> paused = state.pausedPipelines();
        Map<String, Timing> read = new HashMap<>();
        for (Pipeline pipeline : pipelines.runnable()) {
            boolean isPaused = paused.contains(pipeline.id());
            Optional<ZonedDateTime> next = Optional.empty();
            FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
            if (!isPaused && fireTimes.isTimed()) {
                next = triggers.nextFireTime(pipeline.id()).map(instant -> instant.atZone(fireTimes.zone()));
            }
            read.put(pipeline.id(), new Timing(isPaused, next));
        }
        taken = new Snapshot(takenAt, Map.copyOf(read));
        snapshot = taken;
        return taken.timings();
    }

    /** Something changed a pause or a trigger: the next read sees it. */
    void forget() {
        snapshot = null;
    }

    /** Fires due within {@code window}, soonest first, paused pipelines left out. */
    List<UpcomingFire> upcoming(Duration window) {
        Instant now = clock.instant();
        Instant until = now.plus(window);
        Set<String> paused = state.pausedPipelines();
        List<UpcomingFire> fires = new ArrayList<>();
        for (Pipeline pipeline : pipelines.runnable()) {
            if (paused.contains(pipeline.id())) {
                continue;
            }
            FireTimes.of(pipeline.schedule(), agentZone)
                    .between(now, until, 500)
                    .forEach(time -> fires.add(new UpcomingFire(pipeline.id(), time)));
        }
        fires.sort(Comparator.comparing(fire -> fire.fireTime().toInstant()));
        return fires;
    }
}
