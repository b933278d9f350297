package dev.orchestrator.agent.cluster;

import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.HeartbeatStore.AgentPresence;
import dev.orchestrator.agent.store.HeartbeatStore.Heartbeat;
import dev.orchestrator.agent.store.RunHandOvers;
import dev.orchestrator.agent.store.RunRecovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's part in a cluster of agents sharing one database (SPEC 11). It writes a heartbeat row every
 * interval; an agent silent for longer than the limit is dead, and the first agent to notice marks its unfinished
 * runs {@code crashed} with a reason naming it, takes over the runs it left only waiting (they go on here), the
 * runs handed to it that it had not started, and the scheduled fires it held. Quartz moves the dead agent's
 * triggers by itself (its clustered job store). Runs the same on a single H2 agent, where the only member is
 * itself. Each heartbeat carries how many runs this agent has going, by which the others hand it work
 * ({@link LeastBusyPlacement}).
 *
 * <p>Silence is judged only over time this agent was itself in touch with the database: an agent that could not
 * reach it (or reached it only after a long wait) cannot tell others' silence from its own outage, and an outage
 * that silenced every agent must declare none dead. So another agent is dead once it has been silent for the
 * limit counted from the later of its last heartbeat and the start of this agent's current unbroken series of
 * heartbeats, both by the database's clock. A series breaks when a heartbeat fails, or when two of them are
 * further apart than {@link #maxGap}. Thread-safe.
 */
public final class ClusterMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMonitor.class);

    private final HeartbeatStore heartbeats;
    private final RunHandOvers runs;
    private final RunRecovery recovery;
    private final ToIntFunction<String> fireTakeOver;
    private final ToIntFunction<String> waitingRunTakeOver;
    private final IntSupplier activeRuns;
    private final Supplier<Optional<HeartbeatStore.Capacity>> freeCapacity;
    // set once by start(), read by the heartbeat thread
    private volatile AgentPresence self;
    private final Heartbeats timings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    // only the heartbeat thread writes it
    private boolean hasBeaten;
    // the database's time of the first and of the last heartbeat of this agent's unbroken series, null while out
    // of touch; only the heartbeat thread reads and writes them
    private Instant inTouchSince;
    private Instant lastBeat;

    /**
     * @param fireTakeOver       takes over the fires a dead agent held, given its id; returns how many
     * @param waitingRunTakeOver takes over and resumes the runs a dead agent left only waiting; returns how many
     * @param activeRuns         the runs this agent has going, told to the others with each heartbeat
     */
    public <S extends RunHandOvers & RunRecovery> ClusterMonitor(
            HeartbeatStore heartbeats,
            S runs,
            ToIntFunction<String> fireTakeOver,
            ToIntFunction<String> waitingRunTakeOver,
            IntSupplier activeRuns,
            AgentPresence self,
            Heartbeats timings,
            Clock clock) {
        this(heartbeats, runs, fireTakeOver, waitingRunTakeOver, activeRuns, Optional::empty, self, timings, clock);
    }

    /** @param freeCapacity what is free of this agent's resources, told to the others with each heartbeat */
    public <S extends RunHandOvers & RunRecovery> ClusterMonitor(
            HeartbeatStore heartbeats,
            S runs,
            ToIntFunction<String> fireTakeOver,
            ToIntFunction<String> waitingRunTakeOver,
            IntSupplier activeRuns,
            Supplier<Optional<HeartbeatStore.Capacity>> freeCapacity,
            AgentPresence self,
            Heartbeats timings,
            Clock clock) {
        this.freeCapacity = freeCapacity;
        this.heartbeats = heartbeats;
        this.runs = runs;
        this.recovery = runs;
        this.fireTakeOver = fireTakeOver;
        this.waitingRunTakeOver = waitingRunTakeOver;
        this.activeRuns = activeRuns;
        this.self = self;
        this.timings = timings;
        this.clock = clock;
    }

    /**
     * Refuses an agent id that a live agent uses: two agents under one name would mark each other's runs
     * crashed and confuse Quartz's cluster. A row left by a killed process of this host is no obstacle.
     *
     * @throws AgentIdInUseException naming the other agent, and what to do
     */
    public static void checkIdUnused(HeartbeatStore heartbeats, AgentPresence self, Heartbeats timings) {
        Optional<Heartbeat> existing = heartbeats.find(self.agentId());
        if (existing.isEmpty() || existing.get().silence().compareTo(timings.deadAfter()) >= 0) {
            return;
        }
        AgentPresence other = existing.get().agent();
        boolean sameHost = other.host().equals(self.host());
        if (sameHost
                && (other.pid() == self.pid() || ProcessHandle.of(other.pid()).isEmpty())) {
            return; // this process, started again in the same JVM, or one that was killed
        }
        long waitSeconds = timings.deadAfter().minus(existing.get().silence()).toSeconds() + 1;
        throw new AgentIdInUseException("the agent id '" + self.agentId() + "' is in use by a running agent on "
                + other.host() + " (pid " + other.pid() + ", heartbeat "
                + existing.get().silence().toMillis()
                + " ms ago); agents sharing a database each need their own --agent-id. If that agent has just "
                + "been stopped, start this one again in " + waitSeconds + " s");
    }

    /**
     * Writes the first heartbeat now, then one every interval.
     *
     * @param apiUrl where this agent's API answers, for the others to show (known once it listens)
     */
    public void start(String apiUrl) {
        self = new AgentPresence(
                self.agentId(), self.host(), self.pid(), Optional.of(apiUrl), self.version(), self.startedAt());
        tick();
        long every = timings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** The agents alive now (this one included), by their heartbeats. */
    public List<Heartbeat> liveMembers() {
        return heartbeats.heartbeats().stream()
                .filter(heartbeat -> heartbeat.silence().compareTo(timings.deadAfter()) < 0)
                .toList();
    }

    private void tick() {
        try {
            boolean wasKnown = heartbeats.beat(self, activeRuns.getAsInt(), freeCapacity.get());
            if (hasBeaten && !wasKnown) {
                LOG.warn(
                        "this agent was silent for longer than {} s and the others declared it dead: runs it had "
                                + "going were marked crashed; it beats again and goes on",
                        timings.deadAfter().toSeconds());
            }
            hasBeaten = true;
            List<Heartbeat> rows = heartbeats.heartbeats();
            Optional<Heartbeat> own = rows.stream()
                    .filter(row -> row.agent().agentId().equals(self.agentId()))
                    .findFirst();
            if (own.isEmpty()) {
                inTouchSince = null; // removed again at once: the next beat starts a new series
                return;
            }
            Instant beatAt = own.get().lastSeen();
            Instant databaseNow = beatAt.plus(own.get().silence());
            if (inTouchSince == null || Duration.between(lastBeat, beatAt).compareTo(maxGap(timings)) > 0) {
                inTouchSince = beatAt;
            }
            lastBeat = beatAt;
            for (Heartbeat heartbeat : rows) {
                Instant silentSince = heartbeat.lastSeen().isAfter(inTouchSince) ? heartbeat.lastSeen() : inTouchSince;
                if (!heartbeat.agent().agentId().equals(self.agentId())
                        && Duration.between(silentSince, databaseNow).compareTo(timings.deadAfter()) >= 0) {
                    recoverFrom(heartbeat);
                }
            }
            for (String gone : runs.agentsWithUntakenRunsAndNoHeartbeat()) {
                int handedOn = runs.handOnUntakenRuns(gone, self.agentId());
                if (handedOn > 0) {
                    LOG.warn(
                            "{} run(s) were handed to agent {} as it left the cluster; this agent starts them",
                            handedOn,
                            gone);
                }
            }
        } catch (RuntimeException e) {
            inTouchSince = null; // others' silence from now on may be this outage: it is not held against them
            // a database out of reach now and then must not end the heartbeats for good
            LOG.warn(
                    "heartbeat failed, trying again in {} ms: {}",
                    timings.interval().toMillis(),
                    e.toString());
        }
    }

    /**
     * The longest time between two heartbeats of an unbroken series: one late heartbeat, or a third of the limit
     * when that is longer. A wait longer than that for the database (a pool waiting for a connection) may have
     * been an outage that silenced the others too.
     */
    static Duration maxGap(Heartbeats timings) {
        Duration twoBeats = timings.interval().multipliedBy(2);
        Duration third = timings.deadAfter().dividedBy(3);
        return twoBeats.compareTo(third) > 0 ? twoBeats : third;
    }

    /**
     * Every step can be repeated by several agents at once without harm: only unfinished runs are marked, each
     * waiting run and each fire goes to one taker, and the row goes last, so an agent that stops halfway leaves
     * the work to the next.
     */
    private void recoverFrom(Heartbeat dead) {
        String deadId = dead.agent().agentId();
        Instant now = clock.instant();
        String reason = "agent " + deadId + " (" + dead.agent().host() + ", pid "
                + dead.agent().pid()
                + ") stopped while this was running: its last heartbeat was at " + dead.lastSeen() + ", "
                + dead.silence().toSeconds() + " s before agent " + self.agentId() + " found it silent at " + now;
        // runs handed to it that it never started come here, and start as if handed here (nothing of them ran)
        int handedOn = runs.handOnUntakenRuns(deadId, self.agentId());
        int crashed = recovery.markUnfinishedCrashed(deadId, reason, now); // runs that only wait are left alone
        int waiting = waitingRunTakeOver.applyAsInt(deadId);
        int fires = fireTakeOver.applyAsInt(deadId);
        boolean removed = heartbeats.remove(deadId, dead.lastSeen());
        if (crashed > 0 || waiting > 0 || fires > 0 || handedOn > 0 || removed) {
            LOG.warn(
                    "agent {} has been silent for {} s and is taken as dead: {} of its runs marked crashed, {} "
                            + "waiting run(s), {} run(s) handed to it and not started, and {} fire(s) it held taken over",
                    deadId,
                    dead.silence().toSeconds(),
                    crashed,
                    waiting,
                    handedOn,
                    fires);
        }
    }

    /**
     * Stops the heartbeats and leaves the cluster: the others see this agent gone at once. Runs handed to it that
     * it has not started go on to the least busy other agent alive; with none, they wait for this one's return.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            liveMembers().stream()
                    .filter(member -> !member.agent().agentId().equals(self.agentId())
                            && member.activeRuns() >= 0) // not one that is stopping too
                    .min(java.util.Comparator.comparingInt(HeartbeatStore.Heartbeat::activeRuns))
                    .ifPresent(next -> {
                        int handedOn = runs.handOnUntakenRuns(
                                self.agentId(), next.agent().agentId());
                        if (handedOn > 0) {
                            LOG.info(
                                    "{} run(s) handed to this agent and not started go to agent {}",
                                    handedOn,
                                    next.agent().agentId());
                        }
                    });
            heartbeats.find(self.agentId()).ifPresent(row -> heartbeats.remove(self.agentId(), row.lastSeen()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot remove this agent's heartbeat row: {}; the others drop it once it is {} s old",
                    e.toString(),
                    timings.deadAfter().toSeconds());
        }
    }
}
