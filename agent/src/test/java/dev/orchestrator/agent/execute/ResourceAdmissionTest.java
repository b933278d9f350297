package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resource profiles on one agent (issue 21): tasks start only when their memory and cpu fit beside the attempts
 * running, wait queued (with why) holding no thread, and get what attempts give back however they end.
 */
class ResourceAdmissionTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture().withResources(new ResourceLimits(4096, 8));

    @Test
    void threeTasksOf2048MbOnAnAgentOf4096RunAtMostTwoAtOnceAndAllSucceed() throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: extracts
                    max_concurrency: 3
                    resources: { memory_mb: 2048 }
                    tasks:
                      - { id: one, connector: test, action: sleep, action_kwargs: { millis: 700 } }
                      - { id: two, connector: test, action: sleep, action_kwargs: { millis: 700 } }
                      - { id: three, connector: test, action: sleep, action_kwargs: { millis: 700 } }
                """);
        List<String> reasons = new CopyOnWriteArrayList<>();

        String runId = engine.start(pipeline);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    engine.store.findRun(runId).orElseThrow().tasks().stream()
                            .filter(task -> task.status() == TaskState.PENDING)
                            .flatMap(task -> task.reason().stream())
                            .forEach(reasons::add);
                    return !reasons.isEmpty();
                });

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(reasons.get(0))
                .matches("waiting for resources: needs 2048 MB, 0 CPU; 4096 of 4096 MB, 0 of 8 CPU in use by "
                        + "run_\\S+ / (one|two), run_\\S+ / (one|two)");
        List<AttemptRecord> attempts = attempts(runId);
        assertThat(attempts).hasSize(3).allMatch(attempt -> attempt.status() == TaskState.SUCCESS);
        assertThat(PoolAdmissionTest.mostAtOnce(attempts)).isEqualTo(2);
        assertThat(engine.resources.inUse()).isEqualTo(new ResourceAdmission.Usage(0, 0, 0));
    }

    @Test
    void waitingTasksOfSeveralRunsStartOldestFirst() throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: whole_agent
                    resources: { memory_mb: 4096, cpu: 8 }
                    tasks:
                      - { id: work, connector: test, action: sleep, action_kwargs: { millis: 300 } }
                """);

        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runIds.add(engine.start(pipeline));
            String started = runIds.get(i);
            // each run's task is ready (running or queued) before the next run starts
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> engine.store
                            .findRun(started)
                            .orElseThrow()
                            .task("work")
                            .map(task -> task.status() == TaskState.RUNNING
                                    || task.reason().isPresent())
                            .orElse(false));
        }
        for (String runId : runIds) {
            assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        }

        List<AttemptRecord> inOrder = new ArrayList<>();
        for (String runId : runIds) {
            inOrder.add(engine.store
                    .findRun(runId)
                    .orElseThrow()
                    .task("work")
                    .orElseThrow()
                    .attempts()
                    .get(0));
        }
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i).startedAt())
                    .as("run %d starts after run %d ended", i, i - 1)
                    .isAfterOrEqualTo(inOrder.get(i - 1).finishedAt().orElseThrow());
        }
    }

    @Test
    void anAttemptThatFailsGivesItsResourcesBack() throws InterruptedException {
        RunDetail run = engine.run(
                engine.pipeline(
                        twoTasksOfTheWholeAgent(
                                "{ id: first, connector: test, action: fail, action_kwargs: { kind: io, message: boom }, retry: { times: 0 } }")));

        assertThat(run.task("first").orElseThrow().status()).isEqualTo(TaskState.FAILED);
        assertThat(run.task("second").orElseThrow().status()).isEqualTo(TaskState.SUCCESS);
        assertThat(engine.resources.inUse().attempts()).isZero();
    }

    @Test
    void anAttemptThatTimesOutGivesItsResourcesBack() throws InterruptedException {
        RunDetail run = engine.run(
                engine.pipeline(
                        twoTasksOfTheWholeAgent(
                                "{ id: first, connector: test, action: sleep, action_kwargs: { millis: 60000 }, timeout_seconds: 1, retry: { times: 0 } }")));

        assertThat(run.task("first").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(run.task("second").orElseThrow().status()).isEqualTo(TaskState.SUCCESS);
        assertThat(engine.resources.inUse().attempts()).isZero();
    }

    @Test
    void aCancelledRunGivesItsResourcesBackAndItsQueuedTaskLeavesTheQueue() throws InterruptedException {
        Pipeline pipeline = engine.pipeline(twoTasksOfTheWholeAgent(
                "{ id: first, connector: test, action: sleep, action_kwargs: { millis: 60000 } }"));
        String cancelled = engine.start(pipeline);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> engine.store
                        .findRun(cancelled)
                        .orElseThrow()
                        .task("second")
                        .orElseThrow()
                        .reason()
                        .filter(reason -> reason.startsWith("waiting for resources: "))
                        .isPresent());
        Pipeline after = engine.pipeline("""
                pipelines:
                  - id: after
                    tasks:
                      - { id: big, connector: test, action: echo, action_kwargs: { value: 1 }, resources: { memory_mb: 4096 } }
                """);
        String waiting = engine.start(after);

        engine.executor.cancel(cancelled, "the test cancels it");

        assertThat(engine.await(cancelled)).isEqualTo(RunState.CANCELLED);
        assertThat(engine.store
                        .findRun(cancelled)
                        .orElseThrow()
                        .task("second")
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskState.CANCELLED);
        assertThat(engine.await(waiting)).as("it got the resources back").isEqualTo(RunState.SUCCESS);
        assertThat(engine.resources.inUse().attempts()).isZero();
    }

    @Test
    void aTaskAskingNothingNeverWaits() throws InterruptedException {
        Pipeline pipeline = engine.pipeline(twoTasksOfTheWholeAgent(
                "{ id: first, connector: test, action: sleep, action_kwargs: { millis: 60000 } }"));
        String holding = engine.start(pipeline);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> engine.resources.inUse().memoryMb() == 4096);

        RunDetail light = engine.run(engine.pipeline("""
                pipelines:
                  - id: light
                    tasks:
                      - { id: ping, connector: test, action: echo, action_kwargs: { value: 1 } }
                """));

        assertThat(light.run().status()).isEqualTo(RunState.SUCCESS);
        engine.executor.cancel(holding, "the test is done");
        engine.await(holding);
    }

    /** A pipeline whose two tasks each take the whole agent, so they run one after the other. */
    private static String twoTasksOfTheWholeAgent(String first) {
        return """
                pipelines:
                  - id: whole_agent
                    stop_on_failure: false
                    resources: { memory_mb: 4096, cpu: 8 }
                    tasks:
                      - %s
                      - { id: second, connector: test, action: echo, action_kwargs: { value: 2 } }
                """.formatted(first);
    }

    private List<AttemptRecord> attempts(String runId) {
        List<AttemptRecord> all = new ArrayList<>();
        for (TaskRunRecord task : engine.store.findRun(runId).orElseThrow().tasks()) {
            all.addAll(task.attempts());
        }
        return all;
    }
}
