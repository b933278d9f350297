package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared pools in one engine (issue 21): tasks of several runs take a pool's slots, never more than it has. */
class PoolAdmissionTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().withPools();

    static String twoPipelinesOfSix(int poolSize) {
        StringBuilder yaml = new StringBuilder("pools: { warehouse: " + poolSize + " }\npipelines:\n");
        for (String id : List.of("orders", "invoices")) {
            yaml.append("  - id: ").append(id).append("\n    pool: warehouse\n    max_concurrency: 6\n    tasks:\n");
            for (int i = 1; i <= 6; i++) {
                yaml.append("      - { id: load_")
                        .append(i)
                        .append(", connector: test, action: sleep, action_kwargs: { millis: 300 } }\n");
            }
        }
        return yaml.toString();
    }

    @Test
    void twoPipelinesInAPoolOfTwoNeverRunMoreThanTwoTasksAtOnceAndAllSucceed() throws InterruptedException {
        List<Pipeline> pipelines = engine.pipelines(twoPipelinesOfSix(2));
        List<String> reasons = new CopyOnWriteArrayList<>();

        String orders = engine.start(pipelines.get(0));
        String invoices = engine.start(pipelines.get(1));
        // while they run, a task that waits says for which pool, and who holds its slots
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Stream.of(orders, invoices)
                            .flatMap(runId -> engine.store.findRun(runId).orElseThrow().tasks().stream())
                            .filter(task -> task.status() == TaskState.PENDING)
                            .flatMap(task -> task.reason().stream())
                            .forEach(reasons::add);
                    return !reasons.isEmpty();
                });

        assertThat(engine.await(orders)).isEqualTo(RunState.SUCCESS);
        assertThat(engine.await(invoices)).isEqualTo(RunState.SUCCESS);
        assertThat(reasons.get(0))
                .matches("waiting for pool warehouse: 2 of 2 slots taken by run_\\S+ / load_\\d, "
                        + "run_\\S+ / load_\\d.*");
        List<AttemptRecord> attempts = attempts(orders, invoices);
        assertThat(attempts).hasSize(12).allMatch(attempt -> attempt.status() == TaskState.SUCCESS);
        assertThat(mostAtOnce(attempts)).isEqualTo(2);
        assertThat(engine.poolLeases.leases()).as("every slot given back").isEmpty();
        assertThat(engine.poolLeases.waiters()).isEmpty();
    }

    @Test
    void aTaskTakingTwoSlotsOfTwoRunsAlone() throws InterruptedException {
        List<Pipeline> pipelines = engine.pipelines("""
                pools: { warehouse: 2 }
                pipelines:
                  - id: mixed
                    pool: warehouse
                    tasks:
                      - { id: small_1, connector: test, action: sleep, action_kwargs: { millis: 200 } }
                      - { id: big, connector: test, action: sleep, action_kwargs: { millis: 200 }, pool_slots: 2 }
                      - { id: small_2, connector: test, action: sleep, action_kwargs: { millis: 200 } }
                      - { id: outside, connector: test, action: sleep, action_kwargs: { millis: 200 } }
                """);

        RunDetail run = engine.run(pipelines.get(0));

        assertThat(run.run().status()).isEqualTo(RunState.SUCCESS);
        AttemptRecord big = run.task("big").orElseThrow().attempts().get(0);
        for (String small : List.of("small_1", "small_2", "outside")) {
            AttemptRecord other = run.task(small).orElseThrow().attempts().get(0);
            assertThat(overlap(big, other))
                    .as("%s ran beside the task holding both slots", small)
                    .isFalse();
        }
    }

    @Test
    void aCancelledRunLeavesThePoolsQueueAndGivesItsSlotsBack() throws InterruptedException {
        List<Pipeline> pipelines = engine.pipelines("""
                pools: { warehouse: 1 }
                pipelines:
                  - id: long_one
                    pool: warehouse
                    tasks:
                      - { id: hold, connector: test, action: sleep, action_kwargs: { millis: 60000 } }
                      - { id: queued, connector: test, action: sleep, action_kwargs: { millis: 10 } }
                """);
        String runId = engine.start(pipelines.get(0));
        await().atMost(Duration.ofMinutes(1))
                .until(() -> engine.poolLeases.waiters().size() == 1
                        && engine.poolLeases.leases().size() == 1);

        engine.executor.cancel(runId, "the test cancels it");

        assertThat(engine.await(runId)).isEqualTo(RunState.CANCELLED);
        RunDetail run = engine.store.findRun(runId).orElseThrow();
        assertThat(run.task("queued").orElseThrow().status()).isEqualTo(TaskState.CANCELLED);
        assertThat(engine.poolLeases.leases()).isEmpty();
        assertThat(engine.poolLeases.waiters()).isEmpty();
    }

    private List<AttemptRecord> attempts(String first, String second) {
        List<AttemptRecord> all = new ArrayList<>();
        for (String runId : List.of(first, second)) {
            for (TaskRunRecord task : engine.store.findRun(runId).orElseThrow().tasks()) {
                all.addAll(task.attempts());
            }
        }
        return all;
    }

    /** The most attempts running at one moment, from their recorded start and end. */
    static int mostAtOnce(List<AttemptRecord> attempts) {
        record Edge(Instant at, int change) {}
        List<Edge> edges = new ArrayList<>();
        for (AttemptRecord attempt : attempts) {
            edges.add(new Edge(attempt.startedAt(), 1));
            edges.add(new Edge(attempt.finishedAt().orElseThrow(), -1));
        }
        // at the same instant, an end comes before a start: the slot was given back first
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::change));
        int running = 0;
        int most = 0;
        for (Edge edge : edges) {
            running += edge.change();
            most = Math.max(most, running);
        }
        return most;
    }

    private static boolean overlap(AttemptRecord one, AttemptRecord other) {
        Optional<Instant> oneEnd = one.finishedAt();
        Optional<Instant> otherEnd = other.finishedAt();
        return one.startedAt().isBefore(otherEnd.orElseThrow())
                && other.startedAt().isBefore(oneEnd.orElseThrow());
    }
}
