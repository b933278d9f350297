package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.execute.ScheduledOutcome;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduling (SPEC 5): keeps one trigger per timed pipeline in step with the pipeline files ({@link TriggerSync}),
 * turns each fire into a run (or a recorded skip), applies the misfire policy after downtime, and pauses and
 * resumes pipelines for good. A fire comes a {@link #LEAD} ahead of its time and waits for it in
 * {@link DueFires}. In a cluster (SPEC 11) every agent runs one of these on the shared Quartz tables: each fire is
 * claimed in the database before it becomes a run ({@link FireClaims}), so a fire handed to two agents runs once,
 * and the fires an agent held when it died are taken over by a survivor ({@link #takeOverFires}). Thread-safe.
 */
public final class ScheduleService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    /** At most this many missed fires are caught up at once after downtime, and made runs by one backfill. */
    private static final int MAX_CATCH_UP_RUNS = 1_000;

    /**
     * How far ahead of a fire time Quartz hands the fire over. Firing through the JDBC job store costs about
     * 2 ms a trigger, so 200 pipelines due in the same second would start over 300 ms; handed over early, each
     * fire waits here for its exact time and all of them start together.
     */
    static final Duration LEAD = Duration.ofSeconds(1);

    /** One upcoming fire, for {@code /upcoming} and the console. */
    public record UpcomingFire(String pipelineId, ZonedDateTime fireTime) {}

    /** Whether a pipeline is paused, and when it fires next (never while paused). */
    public record Timing(boolean paused, Optional<ZonedDateTime> nextFire) {

        static final Timing UNKNOWN = new Timing(false, Optional.empty());
    }

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final PipelineStateStore state;
    private final FireClaims claims;
    private final Clock clock;
    private final ZoneId agentZone;
    private final Duration misfireThreshold;
    private final TriggerScheduler triggers;
    private final ScheduleTimings timings;
    private final TriggerSync triggerSync;
    private final Backfill backfill;
    private final DueFires dueFires;
    // fires are handed over under the read lock; a stop takes the write lock to set stopping, after which no fire
    // is held or started here any more: each is left due, for the next start or another agent (see leaveDue)
    private final ReadWriteLock firing = new ReentrantReadWriteLock();
    private volatile boolean stopping;
    private volatile boolean running;

    /**
     * @param agentId     the name this agent claims fires under (unique within a cluster)
     * @param triggersFor builds the Quartz side, given the handler its fires must call
     */
    public ScheduleService(
            PipelineRegistry pipelines,
            RunExecutor executor,
            PipelineStateStore state,
            String agentId,
            Clock clock,
            ZoneId agentZone,
            Duration misfireThreshold,
            Function<FireHandler, TriggerScheduler> triggersFor) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.state = state;
        this.claims = new FireClaims(pipelines, executor, state, agentId, clock, agentZone);
        this.clock = clock;
        this.agentZone = agentZone;
        this.misfireThreshold = misfireThreshold;
        this.triggers = triggersFor.apply(this::fired);
        this.timings = new ScheduleTimings(pipelines, state, triggers::nextFireTime, clock, agentZone);
        this.triggerSync = new TriggerSync(pipelines, state, triggers, timings, clock, agentZone);
        this.backfill = new Backfill(pipelines, executor, agentZone, MAX_CATCH_UP_RUNS);
        this.dueFires = new DueFires(clock, this::startBatch);
    }

    /** Starts the runs of fires whose time has come, in one batch; each claim is settled with its run. */
    private void startBatch(List<RunExecutor.ScheduledStart> batch) {
        try {
            List<ScheduledOutcome> outcomes = executor.startScheduled(batch);
            for (int i = 0; i < batch.size(); i++) {
                Pipeline pipeline = batch.get(i).pipeline();
                ZonedDateTime fireTime = batch.get(i).request().logicalTime().orElseThrow();
                claims.settle(pipeline, fireTime, outcomes.get(i));
            }
        } catch (RuntimeException e) {
            String error = pipelines.secrets().mask(e.toString());
            LOG.error("{} scheduled runs could not be started: {}", batch.size(), error);
            for (RunExecutor.ScheduledStart start : batch) {
                claims.notRun(
                        start.pipeline(),
                        start.request().logicalTime().orElseThrow(),
                        "start_failed",
                        "not run: the run could not be created: " + error);
            }
        }
    }

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
        return dueFires.heldOf(pipelineId);
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
        triggerSync.sync(false);
    }

    /** Stops a pipeline's schedule until {@link #resume}; survives restarts. Manual triggers still work. */
    public void pause(String pipelineId) {
        triggerSync.pause(pipelineId);
    }

    /** Resumes from the next fire time: fires missed while paused are not caught up. */
    public void resume(String pipelineId) {
        triggerSync.resume(pipelineId);
    }

    /** The zone the pipeline's schedule and logical times are in: its own, else the agent's. */
    public ZoneId zoneOf(Pipeline pipeline) {
        return FireTimes.of(pipeline.schedule(), agentZone).zone();
    }

    public boolean isPaused(String pipelineId) {
        return timings.of(pipelineId).paused();
    }

    public Optional<ZonedDateTime> nextFireTime(String pipelineId) {
        return timings.of(pipelineId).nextFire();
    }

    /**
     * Every runnable pipeline's timing, read from the store at most once a second: a change made here is seen at
     * once; one made by another agent of a cluster within that second.
     */
    public Map<String, Timing> timings() {
        return timings.all();
    }

    /** Fires due within {@code window}, soonest first, paused pipelines left out. */
    public List<UpcomingFire> upcoming(Duration window) {
        return timings.upcoming(window);
    }

    /**
     * Creates a run for each fire time of the pipeline between the two dates (inclusive, in its zone), with
     * those logical times, oldest first; a pipeline without a timed schedule gets one run per day at midnight.
     * The runs queue behind each other as {@code max_instances} allows.
     *
     * @throws IllegalArgumentException for an unknown pipeline, dates in the wrong order, or too many runs
     */
    public List<String> backfill(String pipelineId, LocalDate from, LocalDate to) {
        return backfill.start(pipelineId, from, to);
    }

    /** A trigger fired: run (or skip) per max_instances and the misfire policy, then set the next fire. */
    void fired(String pipelineId, Instant scheduledFor) {
        firing.readLock().lock();
        try {
            if (stopping) {
                triggerSync.leaveDue(pipelineId, scheduledFor);
                return;
            }
            Optional<Pipeline> found = pipelines.find(pipelineId);
            if (found.isEmpty()) {
                triggers.unschedule(pipelineId);
                return;
            }
            Pipeline pipeline = found.get();
            FireTimes fireTimes = triggerSync.fireTimesOf(pipeline);
            Instant now = clock.instant();
            List<ZonedDateTime> due = new ArrayList<>();
            due.add(scheduledFor.atZone(fireTimes.zone()));
            due.addAll(fireTimes.between(scheduledFor, now, MAX_CATCH_UP_RUNS));
            Instant last = due.get(due.size() - 1).toInstant();
            // older than the threshold: missed (the agent was down, or too busy), the misfire policy decides; a fire
            // within it is late, not missed, and runs with its own time (handed over late on a loaded machine)
            List<ZonedDateTime> missed = due.stream()
                    .filter(time -> Duration.between(time.toInstant(), now).compareTo(misfireThreshold) > 0)
                    .toList();
            if (missed.isEmpty() && due.size() == 1) {
                // claimed now, a LEAD before its time: of agents handed the same fire, one holds it
                if (claims.hold(pipeline, due.get(0))) {
                    dueFires.hold(
                            new RunExecutor.ScheduledStart(
                                    pipeline,
                                    new RunRequest(
                                            TriggerKind.SCHEDULE,
                                            Optional.of(due.get(0)),
                                            Map.of(),
                                            0,
                                            Optional.empty()),
                                    pipelines.secrets()),
                            scheduledFor);
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
            triggerSync.afterFire(pipeline, fireTimes, after);
        } catch (RuntimeException e) {
            // Quartz would only log it, and the pipeline would have no trigger any more: the fire comes again
            LOG.error(
                    "the fire of pipeline {} scheduled for {} failed: {}; it comes again in a second",
                    pipelineId,
                    scheduledFor,
                    pipelines.secrets().mask(e.toString()));
            triggerSync.fireAgain(pipelineId, scheduledFor);
        } finally {
            firing.readLock().unlock();
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
            triggerSync.sync(true); // it may have died between a fire and setting the next one
        }
        return taken;
    }

    /**
     * Stops without dropping a fire: the fires held here and not started yet are released and left due (see
     * {@link TriggerSync#leaveDue}), for the next start or another agent of the cluster, and so is any fire that
     * comes while stopping.
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
        dueFires.stop(); // a batch being started ends first; the next one will not start
        triggerSync.stopRescheduling();
        List<RunExecutor.ScheduledStart> unstarted = dueFires.unstarted();
        triggerSync.awaitRescheduled();
        for (RunExecutor.ScheduledStart fire : unstarted) {
            Pipeline pipeline = fire.pipeline();
            ZonedDateTime fireTime = fire.request().logicalTime().orElseThrow();
            try {
                if (claims.release(pipeline, fireTime)) {
                    triggerSync.leaveDue(pipeline.id(), fireTime.toInstant());
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "pipeline {}: cannot leave the fire for {} due: {}; the next start sets its trigger from "
                                + "the last claimed fire",
                        pipeline.id(),
                        fireTime,
                        e.toString());
            }
        }
        try {
            // a next fire the rescheduler had not set yet (a loaded machine): set from the last claimed fire, so
            // that the other agents of a cluster fire the pipeline on, and the fires since come late, not never
            triggerSync.sync(true);
        } catch (RuntimeException e) {
            LOG.warn("cannot check the triggers before stopping: {}", e.toString());
        }
        triggers.close();
    }
}
