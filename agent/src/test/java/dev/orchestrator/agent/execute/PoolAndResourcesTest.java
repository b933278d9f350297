package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.PoolLeases;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task with both a pool and resources (issue 21): it takes its pool's slots first, then waits for this agent's
 * resources keeping them (as the README says); a task that ends without running while it waits for resources (marked
 * by an operator, skipped by stop_on_failure, cancelled) gives its slots back at once, and nothing is left held or
 * queued once the runs have ended.
 */
class PoolAndResourcesTest {

    private static final String WAITING_FOR_RESOURCES = "waiting for resources: ";
    private static final String WAITING_FOR_THE_POOL = "waiting for pool warehouse: ";

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().withPools().withResources(new ResourceLimits(4096, 8));

    /** Stuck runs and their blockers, each test ends with them cancelled: nothing held, nothing queued. */
    private final List<String> toCancel = new ArrayList<>();

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(condition);
    }

    @Test
    void aPoolOfTwoOnAnAgentFittingOneTaskRunsOneAtATimeAndTheTaskWaitingForResourcesKeepsItsSlot()
            throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pools: { warehouse: 2 }
                pipelines:
                  - id: loads
                    pool: warehouse
                    max_concurrency: 4
                    resources: { memory_mb: 3000 }
                    tasks:
                      - { id: load_1, connector: test, action: sleep, action_kwargs: { millis: 400 } }
                      - { id: load_2, connector: test, action: sleep, action_kwargs: { millis: 400 } }
                      - { id: load_3, connector: test, action: sleep, action_kwargs: { millis: 400 } }
                      - { id: load_4, connector: test, action: sleep, action_kwargs: { millis: 400 } }
                """);

        String runId = engine.start(pipeline);
        await("a task waiting for resources while it holds a slot, and one waiting for the pool", () -> {
            List<String> holders = engine.poolLeases.leases().stream()
                    .map(PoolLeases.Lease::taskId)
                    .toList();
            List<TaskRunRecord> tasks =
                    engine.store.findRun(runId).orElseThrow().tasks();
            boolean keepsItsSlot = tasks.stream()
                    .filter(task -> reason(task).startsWith(WAITING_FOR_RESOURCES))
                    .anyMatch(task -> holders.contains(task.taskId()));
            boolean queuedForThePool =
                    tasks.stream().anyMatch(task -> reason(task).startsWith(WAITING_FOR_THE_POOL));
            return keepsItsSlot && queuedForThePool;
        });

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        List<AttemptRecord> attempts = new ArrayList<>();
        engine.store.findRun(runId).orElseThrow().tasks().forEach(task -> attempts.addAll(task.attempts()));
        assertThat(attempts).hasSize(4).allMatch(attempt -> attempt.status() == TaskState.SUCCESS);
        assertThat(PoolAdmissionTest.mostAtOnce(attempts))
                .as("the agent's memory fits one")
                .isEqualTo(1);
        assertNothingHeldOrQueued();
    }

    @Test
    void aTaskMarkedWhileItWaitsForResourcesGivesItsSlotBackAtOnce() throws InterruptedException {
        List<Pipeline> pipelines = engine.pipelines(stuckBehindTheWholeAgent(""));
        String stuck = holdTheAgentAndQueueForResources(pipelines);
        String next = engine.start(pipeline(pipelines, "next"));
        await(
                "the next task to queue for the pool",
                () -> reason(engine.store
                                .findRun(next)
                                .orElseThrow()
                                .task("load")
                                .orElseThrow())
                        .startsWith(WAITING_FOR_THE_POOL));

        engine.executor
                .controls()
                .mark(
                        stuck,
                        new TaskMarkRequest(
                                "queued", TaskState.SKIPPED, false, null, "operator", Optional.of("not today")),
                        engine.secrets());

        assertNextGetsTheSlotWhileTheStuckRunGoesOn(next, stuck);
        assertNothingHeldOrQueued();
    }

    @Test
    void aTaskSkippedByStopOnFailureWhileItWaitsForResourcesGivesItsSlotBackAtOnce()
            throws InterruptedException, IOException {
        Path go = engine.directory.resolve("go");
        List<Pipeline> pipelines = engine.pipelines(stuckBehindTheWholeAgent(
                "      - { id: breaks, connector: shell, action: run, action_kwargs: { command: sh, args: [\"-c\","
                        + " \"while [ ! -e '%s' ]; do sleep 0.05; done; exit 3\"] }, retry: { times: 0 } }\n"
                                .formatted(go)));
        String stuck = holdTheAgentAndQueueForResources(pipelines);

        Files.createFile(go); // the task beside it fails now: stop_on_failure skips the waiting task
        await(
                "the queued task skipped by stop_on_failure",
                () -> engine.store
                                .findRun(stuck)
                                .orElseThrow()
                                .task("queued")
                                .orElseThrow()
                                .status()
                        == TaskState.SKIPPED);
        String next = engine.start(pipeline(pipelines, "next"));

        assertNextGetsTheSlotWhileTheStuckRunGoesOn(next, stuck);
        assertNothingHeldOrQueued();
    }

    @Test
    void aRunCancelledWhileItsTaskWaitsForResourcesHoldingASlotLeavesNothingBehind() throws InterruptedException {
        List<Pipeline> pipelines = engine.pipelines(stuckBehindTheWholeAgent(""));
        String stuck = holdTheAgentAndQueueForResources(pipelines);
        String next = engine.start(pipeline(pipelines, "next"));
        await(
                "the next task to queue for the pool",
                () -> reason(engine.store
                                .findRun(next)
                                .orElseThrow()
                                .task("load")
                                .orElseThrow())
                        .startsWith(WAITING_FOR_THE_POOL));

        engine.executor.cancel(stuck, "the test cancels it");

        assertThat(engine.await(stuck)).isEqualTo(RunState.CANCELLED);
        assertThat(engine.store
                        .findRun(stuck)
                        .orElseThrow()
                        .task("queued")
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskState.CANCELLED);
        assertThat(engine.await(next)).as("it got the slot").isEqualTo(RunState.SUCCESS);
        assertNothingHeldOrQueued();
    }

    /**
     * {@code hog} takes all of the agent's memory; {@code stuck} runs a long task beside its task {@code queued},
     * which takes the pool's only slot and then waits for the memory; {@code next} wants the slot.
     */
    private static String stuckBehindTheWholeAgent(String moreTasksOfStuck) {
        return """
                pools: { warehouse: 1 }
                pipelines:
                  - id: hog
                    tasks:
                      - { id: hold, connector: test, action: sleep, action_kwargs: { millis: 600000 }, resources: { memory_mb: 4096 } }
                  - id: stuck
                    max_concurrency: 3
                    tasks:
                      - { id: long, connector: test, action: sleep, action_kwargs: { millis: 600000 } }
                      - { id: queued, connector: test, action: sleep, action_kwargs: { millis: 10 }, pool: warehouse, resources: { memory_mb: 4096 } }
                %s  - id: next
                    tasks:
                      - { id: load, connector: test, action: echo, action_kwargs: { value: 1 }, pool: warehouse }
                """.formatted(moreTasksOfStuck);
    }

    /** Starts {@code hog}, then {@code stuck} once the agent is full; returns {@code stuck} once its task waits. */
    private String holdTheAgentAndQueueForResources(List<Pipeline> pipelines) {
        toCancel.add(engine.start(pipeline(pipelines, "hog")));
        await("the hog to take the whole agent", () -> engine.resources.inUse().memoryMb() == 4096);
        String stuck = engine.start(pipeline(pipelines, "stuck"));
        toCancel.add(stuck);
        await("the stuck run's task to hold the slot and wait for resources", () -> {
            boolean holdsTheSlot = engine.poolLeases.leases().stream()
                    .anyMatch(lease ->
                            lease.runId().equals(stuck) && lease.taskId().equals("queued"));
            return holdsTheSlot
                    && reason(engine.store
                                    .findRun(stuck)
                                    .orElseThrow()
                                    .task("queued")
                                    .orElseThrow())
                            .startsWith(WAITING_FOR_RESOURCES);
        });
        return stuck;
    }

    private void assertNextGetsTheSlotWhileTheStuckRunGoesOn(String next, String stuck) throws InterruptedException {
        assertThat(engine.executor.await(next, Duration.ofMinutes(1)))
                .as("the slot of the task that ended without running came back before its run ended")
                .contains(RunState.SUCCESS);
        assertThat(engine.store.findRun(stuck).orElseThrow().run().status())
                .as("the stuck run goes on")
                .isEqualTo(RunState.RUNNING);
    }

    private void assertNothingHeldOrQueued() throws InterruptedException {
        for (String runId : toCancel) {
            engine.executor.cancel(runId, "the test is done");
            engine.await(runId);
        }
        assertThat(engine.poolLeases.leases()).as("every slot given back").isEmpty();
        assertThat(engine.poolLeases.waiters()).isEmpty();
        assertThat(engine.resources.inUse()).isEqualTo(new ResourceAdmission.Usage(0, 0, 0));
    }

    private static Pipeline pipeline(List<Pipeline> pipelines, String id) {
        return pipelines.stream()
                .filter(pipeline -> pipeline.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static String reason(TaskRunRecord task) {
        return task.reason().orElse("");
    }
}
