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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * When the pipelines fire, as the API and the console show it: whether each is paused and its next fire (the
 * trigger's), and the fires due within a window (from the schedules). Thread-safe.
 */
final class ScheduleTimings {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** Where a pipeline's trigger says it fires next; one query to the scheduler's store per call. */
    interface NextFireTimes {
        Optional<Instant> of(String pipelineId);
    }

    private record Snapshot(long takenAt, Map<String, Timing> timings) {}

    private final PipelineRegistry pipelines;
    private final PipelineStateStore state;
    private final NextFireTimes nextFireTimes;
    private final Clock clock;
    private final ZoneId agentZone;
    private final LongSupplier nanoTime;
    /** One reading of the store at a time: the others serve the snapshot being replaced, or wait for the first. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Counts {@link #forget()}s, so that a reading that began before a change is not kept as if taken after it. */
    private final AtomicLong changes = new AtomicLong();

    private volatile Snapshot snapshot;

    ScheduleTimings(
            PipelineRegistry pipelines,
            PipelineStateStore state,
            NextFireTimes nextFireTimes,
            Clock clock,
            ZoneId agentZone) {
        this(pipelines, state, nextFireTimes, clock, agentZone, System::nanoTime);
    }

    /** @param nanoTime the monotonic timer the snapshot's age is measured on */
    ScheduleTimings(
            PipelineRegistry pipelines,
            PipelineStateStore state,
            NextFireTimes nextFireTimes,
            Clock clock,
            ZoneId agentZone,
            LongSupplier nanoTime) {
        this.pipelines = pipelines;
        this.state = state;
        this.nextFireTimes = nextFireTimes;
        this.clock = clock;
        this.agentZone = agentZone;
        this.nanoTime = nanoTime;
    }

    Timing of(String pipelineId) {
        return all().getOrDefault(pipelineId, Timing.UNKNOWN);
    }

    /**
     * Every runnable pipeline's timing, read from the store at most once per {@link #MAX_AGE}: lists of hundreds
     * of pipelines are asked for many times a second, and each reading costs a query per pipeline. A change made
     * here is seen at once; one made by another agent of a cluster within that age. The age is measured on the
     * monotonic timer, from the end of the reading: it is a time elapsed, not a time of day.
     *
     * <p>Only one thread reads at a time. Sixteen clients asking at once for 500 pipelines used to read 8,000
     * triggers together; on two cores that took longer than the age, so every answer read again and none came
     * back within 10 s. Now, while one thread reads, the others answer from the snapshot it replaces, or, when
     * there is none (at start, after a change), wait for it.
     */
    Map<String, Timing> all() {
        Snapshot taken = snapshot;
        if (taken != null && isFresh(taken)) {
            return taken.timings();
        }
        if (taken != null && !reading.tryLock()) {
            return taken.timings(); // another thread is reading: this answer is at most one reading late
        }
        if (taken == null) {
            reading.lock();
        }
        try {
            Snapshot current = snapshot;
            if (current != null && isFresh(current)) {
                return current.timings(); // read by the thread this one waited for
            }
            long changesBefore = changes.get();
            Map<String, Timing> read = read();
            if (changes.get() == changesBefore) {
                snapshot = new Snapshot(nanoTime.getAsLong(), read);
            }
            return read;
        } finally {
            reading.unlock();
        }
    }

    private boolean isFresh(Snapshot taken) {
        return nanoTime.getAsLong() - taken.takenAt() < MAX_AGE.toNanos();
    }

    private Map<String, Timing> read() {
        Set<String> paused = state.pausedPipelines();
        Map<String, Timing> read = new HashMap<>();
        for (Pipeline pipeline : pipelines.runnable()) {
            boolean isPaused = paused.contains(pipeline.id());
            Optional<ZonedDateTime> next = Optional.empty();
            FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
            if (!isPaused && fireTimes.isTimed()) {
                next = nextFireTimes.of(pipeline.id()).map(instant -> instant.atZone(fireTimes.zone()));
            }
            read.put(pipeline.id(), new Timing(isPaused, next));
        }
        return Map.copyOf(read);
    }

    /** Something changed a pause or a trigger: the next read sees it. */
    void forget() {
        changes.incrementAndGet();
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
