package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.testsupport.SleepMarker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping work for real (SPEC 4): per-attempt timeouts, cancel, the run's own timeout. */
class ExecutorStopTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @Test
    void aJavaTaskSleepingThirtySecondsIsStoppedAtItsTimeout() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: sleepy
                    tasks:
                      - { id: nap, connector: test, action: sleep, action_kwargs: { millis: 30000 }, timeout_seconds: 1, retry: { times: 0 } }
                      - { id: after, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [nap], trigger_rule: all_done }
                """));

        assertEndedAtItsTimeout(detail.task("nap").orElseThrow().attempts().get(0), Duration.ofSeconds(30));
        assertThat(detail.task("nap").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(detail.task("nap").orElseThrow().attempts().get(0).errorMessage())
                .hasValueSatisfying(message -> assertThat(message).contains("timed out after 1 s"));
        assertThat(detail.task("after").orElseThrow().status()).isEqualTo(TaskState.SUCCESS);
        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aSubprocessAndItsChildAreTerminatedAtTheTimeout() throws InterruptedException {
        String marker = SleepMarker.seconds(37);
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: subprocess
                    tasks:
                      - id: script
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "sleep %s; echo never"] }
                        timeout_seconds: 1
                        retry: { times: 0 }
                """.formatted(marker)));

        assertEndedAtItsTimeout(detail.task("script").orElseThrow().attempts().get(0), Duration.ofSeconds(37));
        assertThat(detail.task("script").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        // the group is killed at the timeout; the kernel may take a moment to reap it on a busy machine
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(processesMentioning(marker))
                        .as("no sh or sleep of the task is left")
                        .isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aGrandchildThatLeftItsParentIsKilledAtTheTimeoutToo() throws InterruptedException {
        String marker = SleepMarker.seconds(31);
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: double_fork
                    tasks:
                      - id: script
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "(sleep %s5 &) ; sleep %s6"] }
                        timeout_seconds: 1
                        retry: { times: 0 }
                """.formatted(marker, marker)));

        assertThat(detail.task("script").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(processesMentioning(marker))
                            .as("the task's processes, the double-forked sleep among " + "them")
                            .isEmpty());
        } finally {
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().orElse("").contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void cancelStopsRunningAttemptsAndCancelsPendingTasks() throws InterruptedException {
        var pipeline = engine.pipeline("""
                pipelines:
                  - id: cancel_me
                    tasks:
                      - { id: long_a, connector: test, action: sleep, action_kwargs: { millis: 30000 }, timeout_seconds: 60 }
                      - { id: long_b, connector: test, action: sleep, action_kwargs: { millis: 30000 }, timeout_seconds: 60 }
                      - { id: later, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [long_a] }
                """);
        String runId = engine.start(pipeline);
        await("both long tasks to run")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> engine.events.containsAll(List.of("long_a:running", "long_b:running")));
        long cancelled = System.nanoTime();

        assertThat(engine.executor.cancel(runId, "cancelled by a test")).isTrue();
        RunState state = engine.await(runId);

        // the sleeps take 30 s: a run over within a third of that was stopped, on a machine of any load
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(EngineFixture.GRACE.plusSeconds(10));
        assertThat(state).isEqualTo(RunState.CANCELLED);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.tasks()).extracting(task -> task.status()).containsOnly(TaskState.CANCELLED);
        assertThat(detail.run().reason()).contains("cancelled by a test");
        assertThat(engine.executor.cancel(runId, "again")).isFalse();
    }

    @Test
    void theRunTimeoutStopsEverythingAndFailsTheRun() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: run_limit
                    timeout_seconds: 0.5
                    tasks:
                      - { id: long, connector: test, action: sleep, action_kwargs: { millis: 30000 }, timeout_seconds: 60 }
                      - { id: later, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [long] }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(detail.run().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("run timed out"));
        assertThat(detail.task("long").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(detail.task("later").orElseThrow().status()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void aTimedOutAttemptIsRetriedWithAFreshConnector() throws InterruptedException {
        String journal = "retry-after-timeout-" + System.nanoTime();
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: timeout_retry
                    tasks:
                      - id: nap
                        connector: test
                        connector_config: { journal: "%s" }
                        action: sleep
                        action_kwargs: { millis: 60000 }
                        timeout_seconds: 2
                        retry: { times: 1, delay_seconds: 0 }
                """.formatted(journal)));
        // an attempt's time counts from its start, before its connector is made: on a loaded machine making it
        // can take a good part of a second, so the limit leaves room for that and still ends each attempt early

        assertThat(detail.task("nap").orElseThrow().attempts())
                .extracting(attempt -> attempt.status())
                .containsExactly(TaskState.TIMEOUT, TaskState.TIMEOUT);
        TestConnector.Journal seen = TestConnector.journal(journal);
        assertThat(seen.created).hasSize(2);
        assertThat(seen.closed).containsExactlyInAnyOrderElementsOf(seen.created);
    }

    /**
     * The attempt (timeout 1 s) lasted at least its timeout and ended long before its work would have: the recorded
     * times, not the test's clock, so that the engine's start and a loaded machine do not count against it. The
     * margin is a fraction of what the work takes, so ending within it can only be the timeout's doing.
     */
    private static void assertEndedAtItsTimeout(AttemptRecord attempt, Duration workTakes) {
        Duration lasted =
                Duration.between(attempt.startedAt(), attempt.finishedAt().orElseThrow());
        assertThat(lasted)
                .isGreaterThanOrEqualTo(Duration.ofMillis(950))
                .isLessThan(Duration.ofSeconds(1).plus(EngineFixture.GRACE).plus(workTakes.dividedBy(3)));
    }

    private static List<String> processesMentioning(String marker) {
        return ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(marker))
                .toList();
    }
}
