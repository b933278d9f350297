package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TriggerKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Scheduling (SPEC 5): keeps one trigger per timed pipeline in step with the pipeline files, turns each fire
 * into a run (or a recorded skip), applies the misfire policy after downtime, and pauses and resumes
 * pipelines for good. In a cluster (SPEC 11) every agent runs one of these on the shared Quartz tables: each
 * fire is claimed in the database before it becomes a run, so a fire handed to two agents runs once, and the
 * fires an agent held when it died are taken over by a survivor ({@link #takeOverFires}). Thread-safe.
 */
public final class ScheduleService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    /** Fires older than this when they come are misfires: missed while the agent was down or busy. */
    private static final int MAX_CATCH_UP_RUNS = 1_000;

    /**
     * How far ahead of a fire time Quartz hands the fire over. Firing through the JDBC job store costs about
     * 2 ms a trigger, so 200 pipelines due in the same second would start over 300 ms; handed over early, each
     * fire waits here for its exact time and all of them start together.
     */
    static final Duration LEAD = Duration.ofSeconds(1);
    private static final Duration TIMINGS_MAX_AGE = Duration.ofSeconds(1);

    /** A fire handed over early, waiting for its time. */
    private record DueFire(RunExecutor.ScheduledStart start, Instant at) implements java.util.concurrent.Delayed {
        @Override
        public long getDelay(java.util.concurrent.TimeUnit unit) {
            return unit.convert(Duration.between(Instant.now(), at));
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) {
            return at.compareTo(((DueFire) other).at);
        }
    }

    /** One upcoming fire, for {@code /upcoming} and the console. */
    public record UpcomingFire(String pipelineId, ZonedDateTime fireTime) {
    }

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final PipelineStateStore state;
    private final FireClaims claims;
    private final Clock clock;
    private final ZoneId agentZone;
    private final Duration misfireThreshold;
    private final TriggerScheduler triggers;
    // parsing cron for every fire costs a millisecond or two; a fingerprint says when a cached one is stale
    private final Map<String, Map.Entry<String, FireTimes>> fireTimes = new java.util.concurrent.ConcurrentHashMap<>();
    // setting the next trigger takes Quartz's lock: done off the firing thread, so that fires due together are
    // not queued behind each other's rescheduling (measured: 200 at once, 1.3 s to start them all otherwise)
    // on-time fires, gathered: a single thread creates the runs of every fire waiting when it looks, in one
    // transaction (a fire alone waits for nothing; 200 at once share a handful of commits)
    private final java.util.concurrent.DelayQueue<DueFire> dueFires = new java.util.concurrent.DelayQueue<>();
    private final Thread fireStarter = new Thread(this::startDueFires, "fire-starter");
    // held while the fire-starter starts a batch, so that a stop waits for it instead of interrupting it midway
    private final Object starting = new Object();
    // fires are handed over under the read lock; a stop takes the write lock to set stopping, after which no fire
    // is held or started here any more: each is left due, for the next start or another agent (see leaveDue)
    private final java.util.concurrent.locks.ReadWriteLock firing =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean stopping;
    // the earliest fire of each pipeline left due by a stop; guarded by this
    private final Map<String, Instant> leftDue = new HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService rescheduler = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(work -> {
                Thread thread = new Thread(work, "rescheduler");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param agentId     the name this agent claims fires under (unique within a cluster)
     * @param triggersFor builds the Quartz side, given the handler its fires must call
     */
    public ScheduleService(PipelineRegistry pipelines, RunExecutor executor, PipelineStateStore state,
                           String agentId, Clock clock, ZoneId agentZone, Duration misfireThreshold,
                           Function<FireHandler, TriggerScheduler> triggersFor) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.state = state;
        this.claims = new FireClaims(pipelines, executor, state, agentId, clock, agentZone);
        this.clock = clock;
        this.agentZone = agentZone;
        this.misfireThreshold = misfireThreshold;
        this.triggers = triggersFor.apply(this::fired);
        fireStarter.setDaemon(true);
        fireStarter.start();
    }

    private void startDueFires() {
        try {
            while (true) {
                DueFire first = dueFires.take();
                synchronized (starting) {
                    if (stopping) { // left for close(), which gives it back
                        dueFires.add(first);
                        return;
                    }
                    startBatch(first);
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void startBatch(DueFire first) {
        List<DueFire> due = new ArrayList<>();
        due.add(first);
        dueFires.drainTo(due); // every other fire whose time has come
        List<RunExecutor.ScheduledStart> batch = due.stream().map(DueFire::start).toList();
        try {
            List<RunExecutor.ScheduledOutcome> outcomes = executor.startScheduled(batch);
            for (int i = 0; i < batch.size(); i++) {
                Pipeline pipeline = batch.get(i).pipeline();
                ZonedDateTime fireTime = batch.get(i).request().logicalTime().orElseThrow();
                switch (outcomes.get(i).kind()) {
                    case SKIPPED_BUSY -> claims.skippedBusy(pipeline, fireTime, outcomes.get(i).busy().orElseThrow());
                    case CLAIMED_ELSEWHERE -> LOG.warn("pipeline {}: the fire for {} was taken over by "
                            + "another agent (this one was thought dead); not run here", pipeline.id(), fireTime);
                    case STARTED, HANDED_OVER -> {
                        // its claim was settled with the run (here, or handed to a less busy agent)
                    }
                }
            }
        } catch (RuntimeException e) {
            String error = pipelines.secrets().mask(e.toString());
            LOG.error("{} scheduled runs could not be started: {}", batch.size(), error);
            for (RunExecutor.ScheduledStart start : batch) {
                claims.notRun(start.pipeline(), start.request().logicalTime().orElseThrow(), "start_failed",
                        "not run: the run could not be created: " + error);
            }
        }
    }

    private volatile boolean running;
    private volatile TimingSnapshot timings;

    /** Brings the triggers in line with the pipelines, then lets them fire. */
    public void start() {
        sync();
        triggers.start();
        running = true;
    }

    /** True once {@link #start()} has finished: triggers fire. */
    public boolean isRunning() {
        return running;
    }

    /** Fires of the pipeline handed over ahead of time and waiting here for it (tests await them). */
    long heldFires(String pipelineId) {
        return dueFires.stream().filter(fire -> fire.start().pipeline().id().equals(pipelineId)).count();
    }

    /** The pipelines that have a job in Quartz's tables. */
    public Set<String> scheduledPipelines() {
        return triggers.scheduledPipelines();
    }

    /** Fires that did not become runs, oldest first. */
    public List<PipelineStateStore.ScheduleEvent> scheduleEvents(String pipelineId) {
        return state.scheduleEvents(pipelineId, 1_000);
    }

    /**
     * Makes the triggers match the pipelines: new schedules get a trigger, changed ones a new one, removed
     * pipelines lose theirs; an unchanged trigger keeps its (maybe missed) next fire.
     */
    public void sync() {
        sync(false);
    }

    /**
     * @param fromLastClaim a missing trigger is set for the first fire after the pipeline's last claimed one,
     *                      not after now: after an agent died between a fire and setting the next one, the
     *                      fires missed meanwhile follow the misfire policy instead of vanishing
     */
    private synchronized void sync(boolean fromLastClaim) {
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
                Instant after = state.lastClaimedFire(pipeline.id()).filter(last -> last.isBefore(now)).orElse(now);
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
        forgetTimings();
    }

    /** Stops a pipeline's schedule until {@link #resume}; survives restarts. Manual triggers still work. */
    public synchronized void pause(String pipelineId) {
        state.setPaused(pipelineId, true, clock.instant());
        if (triggers.scheduledPipelines().contains(pipelineId)) {
            triggers.pause(pipelineId);
        }
        forgetTimings();
    }

    /** Resumes from the next fire time: fires missed while paused are not caught up. */
    public synchronized void resume(String pipelineId) {
        state.setPaused(pipelineId, false, clock.instant());
        forgetTimings(); // and again below, when the trigger is set
        pipelines.find(pipelineId).ifPresent(pipeline -> {
            FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
            if (fireTimes.isTimed()) {
                scheduleNext(pipelineId, fireTimes, clock.instant(), fingerprint(pipeline, fireTimes));
            }
        });
    }

    /** The zone the pipeline's schedule and logical times are in: its own, else the agent's. */
    public ZoneId zoneOf(Pipeline pipeline) {
        return FireTimes.of(pipeline.schedule(), agentZone).zone();
    }

    public boolean isPaused(String pipelineId) {
        return timing(pipelineId).paused();
    }

    public Optional<ZonedDateTime> nextFireTime(String pipelineId) {
        return timing(pipelineId).nextFire();
    }

    /** Whether a pipeline is paused, and when it fires next (never while paused). */
    public record Timing(boolean paused, Optional<ZonedDateTime> nextFire) {

        static final Timing UNKNOWN = new Timing(false, Optional.empty());
    }

    private Timing timing(String pipelineId) {
        return timings().getOrDefault(pipelineId, Timing.UNKNOWN);
    }

    /**
     * Every runnable pipeline's timing, read from the store at most once per {@link #TIMINGS_MAX_AGE}: lists
     * of hundreds of pipelines are asked for many times a second, and each answer would otherwise cost a
     * query per pipeline. A change made here is seen at once; one made by another agent of a cluster within
     * that age.
     */
    public Map<String, Timing> timings() {
        TimingSnapshot snapshot = timings;
        if (snapshot != null && System.nanoTime() - snapshot.takenAt() < TIMINGS_MAX_AGE.toNanos()) {
            return snapshot.timings();
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
        timings = new TimingSnapshot(takenAt, Map.copyOf(read));
        return timings.timings();
    }

    private record TimingSnapshot(long takenAt, Map<String, Timing> timings) {
    }

    /** Something changed a pause or a trigger: the next read sees it. */
    private void forgetTimings() {
        timings = null;
    }

    /** Fires due within {@code window}, soonest first, paused pipelines left out. */
    public List<UpcomingFire> upcoming(Duration window) {
        Instant now = clock.instant();
        Instant until = now.plus(window);
        Set<String> paused = state.pausedPipelines();
        List<UpcomingFire> fires = new ArrayList<>();
        for (Pipeline pipeline : pipelines.runnable()) {
            if (paused.contains(pipeline.id())) {
                continue;
            }
            FireTimes.of(pipeline.schedule(), agentZone).between(now, until, 500)
                    .forEach(time -> fires.add(new UpcomingFire(pipeline.id(), time)));
        }
        fires.sort(Comparator.comparing(fire -> fire.fireTime().toInstant()));
        return fires;
    }

    /**
     * Creates a run for each fire time of the pipeline between the two dates (inclusive, in its zone), with
     * those logical times, oldest first; a pipeline without a timed schedule gets one run per day at midnight.
     * The runs queue behind each other as {@code max_instances} allows.
     *
     * @throws IllegalArgumentException for an unknown pipeline, dates in the wrong order, or too many runs
     */
    public List<String> backfill(String pipelineId, java.time.LocalDate from, java.time.LocalDate to) {
        Pipeline pipeline = pipelines.find(pipelineId).orElseThrow(() ->
                new IllegalArgumentException("no runnable pipeline '" + pipelineId + "'"));
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill from " + from + " to " + to + ": 'to' comes before 'from'");
        }
        FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
        ZonedDateTime start = from.atStartOfDay(fireTimes.zone());
        ZonedDateTime end = to.plusDays(1).atStartOfDay(fireTimes.zone());
        List<ZonedDateTime> times = new ArrayList<>();
        if (fireTimes.isTimed()) {
            times.addAll(fireTimes.between(start.toInstant().minusNanos(1), end.toInstant().minusNanos(1),
                    MAX_CATCH_UP_RUNS + 1));
        } else {
            for (ZonedDateTime day = start; day.isBefore(end) && times.size() <= MAX_CATCH_UP_RUNS; day = day.plusDays(1)) {
                times.add(day);
            }
        }
        if (times.size() > MAX_CATCH_UP_RUNS) {
            throw new IllegalArgumentException("backfill of " + pipelineId + " from " + from + " to " + to
                    + " would create more than " + MAX_CATCH_UP_RUNS + " runs; choose a shorter range");
        }
        List<String> runIds = new ArrayList<>(times.size());
        for (ZonedDateTime time : times) {
            runIds.add(executor.start(pipeline, new RunRequest(TriggerKind.BACKFILL, Optional.of(time), Map.of(), 0,
                    Optional.empty()), pipelines.secrets()));
        }
        return runIds;
    }

    /** A trigger fired: run (or skip) per max_instances and the misfire policy, then set the next fire. */
    void fired(String pipelineId, Instant scheduledFor) {
        firing.readLock().lock();
        try {
            if (stopping) {
                leaveDue(pipelineId, scheduledFor);
                return;
            }
            Optional<Pipeline> found = pipelines.find(pipelineId);
            if (found.isEmpty()) {
                triggers.unschedule(pipelineId);
                return;
            }
            Pipeline pipeline = found.get();
            FireTimes fireTimes = fireTimesOf(pipeline);
            Instant now = clock.instant();
            List<ZonedDateTime> due = new ArrayList<>();
            due.add(scheduledFor.atZone(fireTimes.zone()));
            due.addAll(fireTimes.between(scheduledFor, now, MAX_CATCH_UP_RUNS));
            Instant last = due.get(due.size() - 1).toInstant();
            // older than the threshold: missed (the agent was down, or too busy), the misfire policy decides; a fire
            // within it is late, not missed, and runs with its own time (handed over late on a loaded machine)
            List<ZonedDateTime> missed = due.stream().filter(time -> Duration.between(time.toInstant(), now)
                    .compareTo(misfireThreshold) > 0).toList();
            if (missed.isEmpty() && due.size() == 1) {
                // claimed now, a LEAD before its time: of agents handed the same fire, one holds it
                if (claims.hold(pipeline, due.get(0))) {
                    dueFires.add(new DueFire(new RunExecutor.ScheduledStart(pipeline, new RunRequest(
                            TriggerKind.SCHEDULE, Optional.of(due.get(0)), Map.of(), 0, Optional.empty()),
                            pipelines.secrets()), scheduledFor));
                } else {
                    LOG.debug("pipeline {}: the fire for {} is held by another agent", pipelineId, due.get(0));
                }
            } else {
                claims.catchUp(pipeline, missed, "missed while the agent was not running");
                claims.runLate(pipeline, due.subList(missed.size(), due.size()));
            }
            // whoever was handed the fire sets the next one: the same trigger, whichever agent computes it, so a
            // duplicate fire never leaves the pipeline without one
            Instant after = last.isAfter(now) ? last : now; // handed over early: the next fire comes after this one
            if (!rescheduler.isShutdown()) { // stopping: the next start's sync sets the trigger again
                rescheduler.execute(() -> rescheduleAfterFire(pipeline, fireTimes, after));
            }
        } catch (RuntimeException e) {
            // Quartz would only log it, and the pipeline would have no trigger any more: the fire comes again
            LOG.error("the fire of pipeline {} scheduled for {} failed: {}; it comes again in a second", pipelineId,
                    scheduledFor, pipelines.secrets().mask(e.toString()));
            try {
                pipelines.find(pipelineId).ifPresent(pipeline -> triggers.schedule(pipelineId,
                        clock.instant().plusSeconds(1), scheduledFor, fingerprint(pipeline, fireTimesOf(pipeline))));
            } catch (RuntimeException again) {
                LOG.error("cannot set the fire of pipeline {} again: {}", pipelineId, again.toString());
            }
        } finally {
            firing.readLock().unlock();
        }
    }

    /**
     * A fire this agent will not start, as it is stopping: the pipeline's trigger is set back to it, so that it
     * stays due. Alone, the agent's next start finds it missed and applies the pipeline's misfire policy; in a
     * cluster, another agent fires it (on time, or as missed). The fires after it come with it: a late fire
     * catches up every fire since, and the claims let none run twice.
     */
    private synchronized void leaveDue(String pipelineId, Instant fireTime) {
        Optional<Pipeline> pipeline = pipelines.find(pipelineId);
        if (pipeline.isEmpty()) {
            return;
        }
        Instant earliest = leftDue.merge(pipelineId, fireTime, (left, now) -> left.isBefore(now) ? left : now);
        FireTimes fireTimes = fireTimesOf(pipeline.get());
        triggers.schedule(pipelineId, earliest.minus(LEAD), earliest, fingerprint(pipeline.get(), fireTimes));
        if (state.pausedPipelines().contains(pipelineId)) {
            triggers.pause(pipelineId);
        }
        forgetTimings();
        LOG.info("pipeline {}: the agent is stopping; the fire for {} is left due, for the next start or another "
                + "agent", pipelineId, earliest.atZone(fireTimes.zone()));
    }

    private synchronized void rescheduleAfterFire(Pipeline pipeline, FireTimes fireTimes, Instant after) {
        if (leftDue.containsKey(pipeline.id())) {
            return; // the trigger was set back to a fire left due by the stop, which must stay
        }
        try {
            scheduleNext(pipeline.id(), fireTimes, after, fingerprint(pipeline, fireTimes));
            if (isPaused(pipeline.id())) {
                triggers.pause(pipeline.id());
            }
        } catch (RuntimeException e) {
            // the database out of reach a moment, or too busy: tried again, as a pipeline without its trigger
            // would fire no more (the fires due meanwhile come late, with the next)
            LOG.error("cannot set the next fire of pipeline {}: {}; trying again in a second", pipeline.id(),
                    e.toString());
            if (!rescheduler.isShutdown()) {
                rescheduler.schedule(() -> rescheduleAfterFire(pipeline, fireTimes, after), 1,
                        java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Takes over the fires a dead agent held and never started (SPEC 11), and sets any trigger it left unset.
     * Each fire is a missed one: its pipeline's misfire policy decides whether it runs now.
     *
     * @return how many fires were taken over
     */
    public int takeOverFires(String deadAgentId) {
        int taken = claims.takeOver(deadAgentId);
        if (running) {
            sync(true); // it may have died between a fire and setting the next one
        }
        return taken;
    }

    private void scheduleNext(String pipelineId, FireTimes fireTimes, Instant after, String fingerprint) {
        Optional<ZonedDateTime> next = fireTimes.nextAfter(after);
        if (next.isPresent()) {
            triggers.schedule(pipelineId, next.get().toInstant().minus(LEAD), next.get().toInstant(), fingerprint);
        } else {
            triggers.unschedule(pipelineId);
            LOG.info("pipeline {} will not fire again (its end_date has passed)", pipelineId);
        }
        forgetTimings();
    }

    private FireTimes fireTimesOf(Pipeline pipeline) {
        String key = pipeline.schedule().toString();
        Map.Entry<String, FireTimes> cached = fireTimes.get(pipeline.id());
        if (cached != null && cached.getKey().equals(key)) {
            return cached.getValue();
        }
        FireTimes computed = FireTimes.of(pipeline.schedule(), agentZone);
        fireTimes.put(pipeline.id(), Map.entry(key, computed));
        return computed;
    }

    /** What identifies a schedule: a trigger is replaced only when this changes. */
    private static String fingerprint(Pipeline pipeline, FireTimes fireTimes) {
        return pipeline.schedule().toString() + " @ " + fireTimes.zone();
    }

    /**
     * Stops without dropping a fire: the fires held here and not started yet are released and left due (see
     * {@link #leaveDue}), for the next start or another agent of the cluster, and so is any fire that comes
     * while stopping.
     */
    @Override
    public void close() {
        try {
            triggers.standby(); // acquired triggers go back to the store, for the other agents of a cluster
        } catch (RuntimeException e) {
            LOG.warn("cannot put the scheduler on standby: {}", e.toString());
        }
        firing.writeLock().lock();
        try {
            stopping = true;
        } finally {
            firing.writeLock().unlock();
        }
        synchronized (starting) { // a batch being started ends first; the next one will not start
            fireStarter.interrupt();
        }
        rescheduler.shutdown();
        try {
            fireStarter.join(10_000);
            rescheduler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DueFire> held = new ArrayList<>();
        held.addAll(dueFires); // not drainTo, which takes only the fires whose time has come
        dueFires.clear();
        for (DueFire fire : held) {
            Pipeline pipeline = fire.start().pipeline();
            ZonedDateTime fireTime = fire.start().request().logicalTime().orElseThrow();
            try {
                if (claims.release(pipeline, fireTime)) {
                    leaveDue(pipeline.id(), fireTime.toInstant());
                }
            } catch (RuntimeException e) {
                LOG.error("pipeline {}: cannot leave the fire for {} due: {}; the next start sets its trigger from "
                        + "the last claimed fire", pipeline.id(), fireTime, e.toString());
            }
        }
        try {
            // a next fire the rescheduler had not set yet (a loaded machine): set from the last claimed fire, so
            // that the other agents of a cluster fire the pipeline on, and the fires since come late, not never
            sync(true);
        } catch (RuntimeException e) {
            LOG.warn("cannot check the triggers before stopping: {}", e.toString());
        }
        triggers.close();
    }
}
