package dev.orchestrator.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.CancelRequestStore.CancelRequest;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiCancelRequestStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancels asked of one agent of a cluster, carried out by the agent running the run; on H2 and PostgreSQL. (The
 * inbox's other half, runs handed over, is tested with the engine: ExecutorHandOverTest.)
 */
class ClusterInboxTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static RunRecord run(String runId, String agentId, RunState state) {
        return new RunRecord(
                runId,
                "p",
                state,
                TriggerKind.MANUAL,
                NOW.atZone(ZoneOffset.UTC),
                Map.of(),
                NOW,
                Optional.of(NOW),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                agentId);
    }

    @OnEveryDatabase
    void eachAgentTakesTheRequestsForItsOwnUnfinishedRunsOnceTheFirstReasonKept(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        runs.insertRun(run("a_1", "a", RunState.RUNNING), List.of("t"));
        runs.insertRun(run("a_2", "a", RunState.QUEUED), List.of("t"));
        runs.insertRun(run("b_1", "b", RunState.RUNNING), List.of("t"));
        runs.insertRun(run("a_ended", "a", RunState.SUCCESS), List.of("t"));
        JdbiCancelRequestStore requests = new JdbiCancelRequestStore(database);

        requests.request("a_2", "asked of agent c", NOW);
        requests.request("a_1", "asked of agent b", NOW.plusSeconds(1));
        requests.request("a_1", "asked again, of agent c", NOW.plusSeconds(2));
        requests.request("b_1", "asked of agent a", NOW);
        requests.request("a_ended", "too late", NOW);

        assertThat(requests.takeFor("a"))
                .containsExactly(
                        new CancelRequest("a_2", "asked of agent c"), new CancelRequest("a_1", "asked of agent b"));
        assertThat(requests.takeFor("a")).as("taken once").isEmpty();
        assertThat(requests.takeFor("b")).containsExactly(new CancelRequest("b_1", "asked of agent a"));
        int left = database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM cancel_requests")
                        .mapTo(Integer.class)
                        .one());
        assertThat(left).as("the request for the run that had ended is dropped").isZero();
    }

    @OnEveryDatabase
    void theInboxCancelsTheRunsActiveHereAndCountsOnlyThose(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        runs.insertRun(run("active_here", "a", RunState.RUNNING), List.of("t"));
        runs.insertRun(run("not_active_any_more", "a", RunState.RUNNING), List.of("t"));
        runs.insertRun(run("elsewhere", "b", RunState.RUNNING), List.of("t"));
        JdbiCancelRequestStore requests = new JdbiCancelRequestStore(database);
        requests.request("active_here", "asked of agent b", NOW);
        requests.request("not_active_any_more", "asked of agent b", NOW);
        requests.request("elsewhere", "asked of agent a", NOW);
        List<String> cancelled = new CopyOnWriteArrayList<>();
        ClusterInbox inbox = new ClusterInbox(
                requests,
                "a",
                (runId, reason) -> {
                    cancelled.add(runId + ": " + reason);
                    return runId.equals("active_here");
                },
                List::of);

        assertThat(inbox.cancelRequested()).isEqualTo(1);
        assertThat(cancelled)
                .containsExactlyInAnyOrder("active_here: asked of agent b", "not_active_any_more: asked of agent b");
        assertThat(inbox.cancelRequested()).as("nothing asked since").isZero();
        assertThat(requests.takeFor("b"))
                .as("agent b's request is left for agent b")
                .hasSize(1);
        inbox.close();
    }

    @OnEveryDatabase
    void aCancelForARunHandedOverAndNotYetTakenWaitsUntilItIsTaken(TestDatabase testDatabase) {
        Database database = testDatabase.open();
        JdbiRunStore runs = new JdbiRunStore(database, JsonMapper.create());
        new dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore(database).claimFire("p", NOW, "firer", NOW);
        runs.insertScheduledRuns(
                "firer",
                List.of(new dev.orchestrator.agent.store.RunLifecycle.NewRun(
                        run("handed", "a", RunState.QUEUED), List.of("t"))));
        JdbiCancelRequestStore requests = new JdbiCancelRequestStore(database);
        requests.request("handed", "asked of agent firer", NOW);

        assertThat(requests.takeFor("a"))
                .as("not active on a yet: it could not be cancelled")
                .isEmpty();
        assertThat(runs.takeHandedOverRun("handed", "a")).isTrue();
        assertThat(requests.takeFor("a")).containsExactly(new CancelRequest("handed", "asked of agent firer"));
    }
}
