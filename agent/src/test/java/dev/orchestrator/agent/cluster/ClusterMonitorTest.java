package dev.orchestrator.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.HeartbeatStore.AgentPresence;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Heartbeats and what a survivor does about a silent agent, on H2 and PostgreSQL, with short timings. */
class ClusterMonitorTest {

    private static final Heartbeats FAST = new Heartbeats(Duration.ofMillis(100), Duration.ofMillis(600));
    private static final long PID = ProcessHandle.current().pid();

    private static AgentPresence agent(String agentId, String host, long pid) {
        return new AgentPresence(agentId, host, pid, Optional.empty(), "test", Instant.now());
    }

    private static RunRecord running(String runId, String agentId) {
        Instant now = Instant.now();
        return new RunRecord(
                runId,
                "p",
                RunState.RUNNING,
                TriggerKind.MANUAL,
                now.atZone(ZoneOffset.UTC),
                Map.of(),
                now,
                Optional.of(now),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                agentId);
    }

    @OnEveryDatabase
    void aSilentAgentsRunsAreCrashedItsFiresTakenOverAndItsRowRemovedByASurvivor(TestDatabase testDatabase)
            throws Exception {
        Database database = testDatabase.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        runs.insertRun(running("dead_run", "dead"), List.of("t"));
        runs.insertRun(running("live_run", "survivor"), List.of("t"));
        handOver(database, runs, "handed_to_dead", "dead");
        heartbeats.beat(agent("dead", "elsewhere", 7));
        List<String> takenOverFrom = new CopyOnWriteArrayList<>();

        List<String> waitingRunsFrom = new CopyOnWriteArrayList<>();
        try (ClusterMonitor survivor = new ClusterMonitor(
                heartbeats,
                runs,
                deadId -> {
                    takenOverFrom.add(deadId);
                    return 1;
                },
                deadId -> {
                    waitingRunsFrom.add(deadId);
                    return 0;
                },
                () -> 0,
                agent("survivor", "here", PID),
                FAST,
                Clock.systemUTC())) {
            survivor.start("http://127.0.0.1:1");
            assertThat(survivor.liveMembers())
                    .extracting(beat -> beat.agent().agentId())
                    .containsExactly("dead", "survivor");
            await("the dead agent's row to go")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> heartbeats.find("dead").isEmpty());

            assertThat(heartbeats.find("dead")).as("the dead agent's row").isEmpty();
            assertThat(survivor.liveMembers())
                    .extracting(beat -> beat.agent().agentId())
                    .containsExactly("survivor");
        }
        RunRecord crashed = runs.findRun("dead_run").orElseThrow().run();
        assertThat(crashed.status()).isEqualTo(RunState.CRASHED);
        assertThat(crashed.reason().orElseThrow())
                .contains(
                        "agent dead (elsewhere, pid 7) stopped while this was " + "running",
                        "agent survivor found it silent");
        assertThat(runs.findRun("live_run").orElseThrow().run().status()).isEqualTo(RunState.RUNNING);
        assertThat(takenOverFrom).containsExactly("dead");
        assertThat(waitingRunsFrom).containsExactly("dead");
        assertThat(heartbeats.find("survivor"))
                .as("left the cluster when closed")
                .isEmpty();
        RunRecord handedOn = runs.findRun("handed_to_dead").orElseThrow().run();
        assertThat(handedOn.status()).as("never started: not lost work").isEqualTo(RunState.QUEUED);
        assertThat(handedOn.agentId()).isEqualTo("survivor");
        assertThat(runs.takeHandedOverRuns("survivor")).containsExactly("handed_to_dead");
    }

    @OnEveryDatabase
    void anAgentLeavingTheClusterHandsTheRunsItHasNotStartedToTheLeastBusyOther(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        heartbeats.beat(agent("busier", "elsewhere", 7), 5);
        heartbeats.beat(agent("idler", "elsewhere", 8), 1);
        handOver(database, runs, "handed_to_leaver", "leaver");

        ClusterMonitor leaver = new ClusterMonitor(
                heartbeats,
                runs,
                deadId -> 0,
                deadId -> 0,
                () -> 0,
                agent("leaver", "here", PID),
                Heartbeats.DEFAULT,
                Clock.systemUTC());
        leaver.start("http://127.0.0.1:1");
        leaver.close();

        assertThat(runs.findRun("handed_to_leaver").orElseThrow().run().agentId())
                .isEqualTo("idler");
        assertThat(runs.takeHandedOverRuns("idler")).containsExactly("handed_to_leaver");
        assertThat(heartbeats.find("leaver")).isEmpty();
    }

    @OnEveryDatabase
    void runsHandedToAnAgentThatHasLeftTheClusterAreTakenByALiveOne(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        handOver(database, runs, "handed_to_gone", "gone"); // its hand-over committed just after it left

        try (ClusterMonitor survivor = new ClusterMonitor(
                heartbeats,
                runs,
                deadId -> 0,
                deadId -> 0,
                () -> 0,
                agent("survivor", "here", PID),
                FAST,
                Clock.systemUTC())) {
            survivor.start("http://127.0.0.1:1");
            await("the survivor to take the hand-over")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> runs.findRun("handed_to_gone")
                            .orElseThrow()
                            .run()
                            .agentId()
                            .equals("survivor"));
        }

        assertThat(runs.findRun("handed_to_gone").orElseThrow().run().agentId()).isEqualTo("survivor");
        assertThat(runs.takeHandedOverRuns("survivor")).containsExactly("handed_to_gone");
        assertThat(runs.agentsWithUntakenRunsAndNoHeartbeat()).isEmpty();
    }

    @OnEveryDatabase
    void anOutageThatSilencedEveryAgentDeclaresNoneDeadButASilentAgentStillIs(TestDatabase testDatabase)
            throws Exception {
        outageDeclaresNoneDead(testDatabase, Outage.Kind.FAILING);
    }

    @OnEveryDatabase
    void aLongWaitForTheDatabaseIsAnOutageToo(TestDatabase testDatabase) throws Exception {
        outageDeclaresNoneDead(testDatabase, Outage.Kind.BLOCKING);
    }

    private static void outageDeclaresNoneDead(TestDatabase testDatabase, Outage.Kind kind) throws Exception {
        Database database = testDatabase.open();
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        runs.insertRun(running("run_of_a", "a"), List.of("t"));
        runs.insertRun(running("run_of_b", "b"), List.of("t"));
        Outage toA = new Outage(heartbeats);
        Outage toB = new Outage(heartbeats);
        try (ClusterMonitor a = new ClusterMonitor(
                        toA,
                        runs,
                        deadId -> 0,
                        deadId -> 0,
                        () -> 1,
                        agent("a", "here", PID),
                        FAST,
                        Clock.systemUTC());
                ClusterMonitor b = new ClusterMonitor(
                        toB,
                        runs,
                        deadId -> 0,
                        deadId -> 0,
                        () -> 1,
                        agent("b", "there", PID),
                        FAST,
                        Clock.systemUTC())) {
            a.start("http://127.0.0.1:1");
            b.start("http://127.0.0.1:2");
            toA.begin(kind);
            toB.begin(kind);
            Duration twiceTheLimit = FAST.deadAfter().multipliedBy(2);
            awaitTrue(
                    "both silent for twice the limit, by the database's clock",
                    () -> List.of("a", "b").stream()
                            .allMatch(id ->
                                    heartbeats.find(id).orElseThrow().silence().compareTo(twiceTheLimit) > 0));

            toA.end(); // a is back first, and judges b before b is back
            awaitTrue("a beats again", () -> toA.beatsSinceEnd() >= 1);
            toB.end();
            int beatsInTwiceTheLimit =
                    (int) (twiceTheLimit.toMillis() / FAST.interval().toMillis());
            awaitTrue(
                    "each has judged the other for twice the limit since",
                    () -> toA.beatsSinceEnd() >= beatsInTwiceTheLimit && toB.beatsSinceEnd() >= beatsInTwiceTheLimit);

            assertThat(runs.findRun("run_of_a").orElseThrow().run().status()).isEqualTo(RunState.RUNNING);
            assertThat(runs.findRun("run_of_b").orElseThrow().run().status()).isEqualTo(RunState.RUNNING);
            assertThat(heartbeats.heartbeats())
                    .extracting(beat -> beat.agent().agentId())
                    .containsExactly("a", "b");

            toB.begin(Outage.Kind.FAILING); // now only b is out of touch: a, in touch all along, judges it
            awaitTrue(
                    "b's run marked crashed by a",
                    () -> runs.findRun("run_of_b").orElseThrow().run().status() == RunState.CRASHED);
            assertThat(runs.findRun("run_of_b").orElseThrow().run().reason().orElseThrow())
                    .contains("agent b (there, pid " + PID + ") stopped", "agent a found it silent");
            assertThat(runs.findRun("run_of_a").orElseThrow().run().status()).isEqualTo(RunState.RUNNING);
            toB.end();
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    /** A scheduled run that agent "firer" created for {@code agentId}, which has not taken it yet. */
    private static void handOver(Database database, JdbiRunStore runs, String runId, String agentId) {
        Instant fireTime = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(runId.hashCode() & 0xffff);
        new dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore(database)
                .claimFire("p", fireTime, "firer", fireTime);
        RunRecord run = new RunRecord(
                runId,
                "p",
                RunState.QUEUED,
                TriggerKind.SCHEDULE,
                fireTime.atZone(ZoneOffset.UTC),
                Map.of(),
                fireTime,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                agentId);
        assertThat(runs.insertScheduledRuns(
                        "firer", List.of(new dev.orchestrator.agent.store.RunLifecycle.NewRun(run, List.of("t")))))
                .containsExactly(runId);
    }

    @OnEveryDatabase
    void anAgentIdThatALiveAgentUsesIsRefused(TestDatabase testDatabase) {
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(testDatabase.open());
        heartbeats.beat(agent("busy", "other-host", 1234));
        heartbeats.beat(agent("killed_here", "this-host", Long.MAX_VALUE)); // no process has that pid

        assertThatThrownBy(() -> ClusterMonitor.checkIdUnused(heartbeats, agent("busy", "this-host", PID), FAST))
                .hasMessageContaining("'busy' is in use by a running agent on other-host (pid 1234")
                .hasMessageContaining("each need their own --agent-id");
        ClusterMonitor.checkIdUnused(heartbeats, agent("killed_here", "this-host", PID), FAST);
        ClusterMonitor.checkIdUnused(heartbeats, agent("new", "this-host", PID), FAST);
    }

    @OnEveryDatabase
    void aSilentAgentsIdCanBeUsedAgain(TestDatabase testDatabase) throws InterruptedException {
        JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(testDatabase.open());
        heartbeats.beat(agent("gone", "other-host", 1234));
        Thread.sleep(FAST.deadAfter().toMillis() + 100); // silent past dead-after, on purpose

        ClusterMonitor.checkIdUnused(heartbeats, agent("gone", "this-host", PID), FAST);
    }
}
