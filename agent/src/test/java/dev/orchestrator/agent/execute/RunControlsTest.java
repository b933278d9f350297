package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's controls in the engine (issue 20): retrying from a chosen task, and marking tasks by hand. */
class RunControlsTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    String journal;

    @BeforeEach
    void nameTheJournal(TestInfo test) {
        journal = test.getDisplayName() + System.nanoTime();
    }

    private RunControls controls() {
        return engine.executor.controls();
    }

    private TaskRunRecord task(String runId, String taskId) {
        return engine.store.findRun(runId).orElseThrow().task(taskId).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private static TaskMarkRequest mark(String taskId, TaskState state, Object output, String reason) {
        return new TaskMarkRequest(taskId, state, output != null, output, "token", Optional.of(reason));
    }

    /** Five tasks in a chain; the second's output counts its calls, so a run again gives a new output. */
    private Pipeline chain() {
        return engine.pipeline("""
                pipelines:
                  - id: chain
                    tasks:
                      - { id: extract, connector: test, action: echo, action_kwargs: { value: { rows: 3 } } }
                      - id: read
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: read, failures: 0 }
                        depends_on: [extract]
                      - { id: clean, connector: test, action: identity, depends_on: [read], pass_output_from: read }
                      - { id: load, connector: test, action: identity, depends_on: [clean], pass_output_from: clean }
                      - { id: report, connector: test, action: identity, depends_on: [load], pass_output_from: load }
                """.formatted(journal));
    }

    @Test
    void aRetryFromTheSecondTaskRunsItAndEverythingDownstreamAgainAndKeepsTheFirst() throws InterruptedException {
        Pipeline pipeline = chain();
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.SUCCESS);
        assertThat(task(first, "clean").outputPreview()).contains("1");

        String second = controls().retry(first, pipeline, engine.secrets(), Optional.of("read"));
        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);

        RunDetail detail = engine.store.findRun(second).orElseThrow();
        TaskRunRecord extract = detail.task("extract").orElseThrow();
        assertThat(extract.outputReused()).isTrue();
        assertThat(extract.attempts()).as("the first task is not run again").isEmpty();
        assertThat(extract.outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("\"rows\":3"));
        assertThat(task(first, "extract").attempts())
                .as("its attempts unchanged")
                .hasSize(1);
        for (String again : List.of("read", "clean", "load", "report")) {
            assertThat(detail.task(again).orElseThrow().outputReused())
                    .as(again)
                    .isFalse();
            assertThat(detail.task(again).orElseThrow().attempts()).as(again).hasSize(1);
        }
        assertThat(detail.task("read").orElseThrow().outputPreview()).contains("2");
        assertThat(detail.task("clean").orElseThrow().outputPreview())
                .as("the third task receives the second's new output")
                .contains("2");
        assertThat(detail.task("report").orElseThrow().outputPreview()).contains("2");
    }

    @Test
    void aRetryFromATaskThePipelineDoesNotHaveNamesItsTasks() throws InterruptedException {
        Pipeline pipeline = chain();
        String first = engine.start(pipeline);
        engine.await(first);

        assertThatThrownBy(() -> controls().retry(first, pipeline, engine.secrets(), Optional.of("lod")))
                .isInstanceOf(NoSuchTaskException.class)
                .hasMessage("pipeline chain has no task 'lod'; its tasks: extract, read, clean, load, report");
    }

    @Test
    void aFailedTaskMarkedSuccessGivesItsOutputToItsDownstreamOnTheRetry() throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: marked
                    tasks:
                      - { id: extract, connector: test, action: echo, action_kwargs: { value: 1 } }
                      - id: load
                        connector: test
                        action: fail
                        action_kwargs: { kind: io, message: "bad data" }
                        depends_on: [extract]
                        retry: { times: 0 }
                      - { id: report, connector: test, action: identity, depends_on: [load], pass_output_from: load }
                """);
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.FAILED);

        MarkOutcome outcome = controls()
                .mark(first, mark("load", TaskState.SUCCESS, Map.of("rows", 7), "loaded by hand"), engine.secrets());

        assertThat(outcome).isEqualTo(MarkOutcome.PREPARED);
        TaskRunRecord load = task(first, "load");
        assertThat(load.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(load.mark()).hasValueSatisfying(mark -> {
            assertThat(mark.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(mark.by()).isEqualTo("token");
            assertThat(mark.reason()).contains("loaded by hand");
        });
        assertThat(load.reason()).contains("marked success by token: loaded by hand");

        String second = controls().retry(first, pipeline, engine.secrets(), Optional.empty());
        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        assertThat(task(second, "load").attempts())
                .as("the marked task is not run")
                .isEmpty();
        assertThat(task(second, "load").outputReused()).isTrue();
        assertThat(task(second, "report").outputPreview())
                .hasValueSatisfying(output -> assertThat(output).isEqualTo("{\"rows\":7}"));
    }

    @Test
    void aTaskMarkedSkippedStaysSkippedAndOneMarkedFailedRunsAgainWithItsDownstream() throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: both
                    stop_on_failure: false
                    tasks:
                      - id: count
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: count, failures: 0 }
                      - { id: after, connector: test, action: identity, depends_on: [count], pass_output_from: count }
                      - { id: optional, connector: test, action: fail, action_kwargs: { kind: io, message: down }, retry: { times: 0 } }
                """.formatted(journal));
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.FAILED);
        controls().mark(first, mark("optional", TaskState.SKIPPED, null, "not needed today"), engine.secrets());
        controls().mark(first, mark("count", TaskState.FAILED, null, "counted the wrong day"), engine.secrets());

        String second = controls().retry(first, pipeline, engine.secrets(), Optional.empty());

        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        assertThat(task(second, "optional").status()).isEqualTo(TaskState.SKIPPED);
        assertThat(task(second, "optional").attempts()).isEmpty();
        assertThat(task(second, "count").attempts()).hasSize(1);
        assertThat(task(second, "after").outputPreview()).contains("2");
    }

    @Test
    void aWaitingSensorMarkedSuccessEndsItsWaitAtOnce() throws Exception {
        Path inbox = Files.createDirectories(engine.directory.resolve("inbox"));
        String runId = engine.executor.start(
                engine.pipeline("""
                pipelines:
                  - id: sensing
                    tasks:
                      - id: flag
                        connector: csv_file
                        connector_config: { base_dir: "%s" }
                        action: exists
                        action_kwargs: { path: never.flag }
                        sensor: { poke_interval_seconds: 3600 }
                        timeout_seconds: 7200
                      - { id: after, connector: test, action: identity, depends_on: [flag], pass_output_from: flag }
                """.formatted(inbox)), RunRequest.manual(Map.of()), engine.secrets());
        await("the sensor to wait", () -> task(runId, "flag").status() == TaskState.WAITING);

        MarkOutcome outcome = controls()
                .mark(runId, mark("flag", TaskState.SUCCESS, "found by hand", "it came by mail"), engine.secrets());

        assertThat(outcome).isEqualTo(MarkOutcome.MARKED);
        assertThat(engine.executor.await(runId, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
        assertThat(task(runId, "flag").mark()).map(TaskMark::by).contains("token");
        assertThat(task(runId, "after").outputPreview()).contains("\"found by hand\"");
    }

    @Test
    void aWaitingEventWaitMarkedSuccessEndsItsWaitAtOnce() throws Exception {
        String runId = engine.start(engine.pipeline("""
                pipelines:
                  - id: waiting
                    tasks:
                      - { id: ready, wait_for: { event: order_ready, key: "1" }, timeout_seconds: 7200 }
                      - { id: ship, connector: test, action: identity, depends_on: [ready], pass_output_from: ready }
                """));
        await("the wait to begin", () -> task(runId, "ready").status() == TaskState.WAITING);

        controls()
                .mark(
                        runId,
                        mark("ready", TaskState.SUCCESS, Map.of("order", 1), "confirmed by phone"),
                        engine.secrets());

        assertThat(engine.executor.await(runId, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
        assertThat(task(runId, "ship").outputPreview()).contains("{\"order\":1}");
        assertThat(engine.waits.waitsOf(runId))
                .as("its stored wait is withdrawn")
                .isEmpty();
    }

    @Test
    void aRunningTaskMarkedFailedIsStoppedFirstAndAPendingOneMarkedSkippedNeverRuns() throws Exception {
        String runId = engine.start(engine.pipeline("""
                pipelines:
                  - id: long
                    stop_on_failure: false
                    tasks:
                      - { id: slow, connector: test, action: sleep, action_kwargs: { millis: 600000 }, retry: { times: 3 } }
                      - { id: next, connector: test, action: echo, action_kwargs: { value: 1 }, depends_on: [slow] }
                """));
        await("the task to run", () -> task(runId, "slow").status() == TaskState.RUNNING);

        assertThat(controls().mark(runId, mark("next", TaskState.SKIPPED, null, "not today"), engine.secrets()))
                .isEqualTo(MarkOutcome.MARKED);
        assertThat(controls().mark(runId, mark("slow", TaskState.FAILED, null, "stuck"), engine.secrets()))
                .isEqualTo(MarkOutcome.STOPPING);

        assertThat(engine.executor.await(runId, Duration.ofMinutes(2))).contains(RunState.FAILED);
        TaskRunRecord slow = task(runId, "slow");
        assertThat(slow.status()).isEqualTo(TaskState.FAILED);
        assertThat(slow.attempts()).as("a marked task is not retried").hasSize(1);
        assertThat(slow.mark()).map(TaskMark::state).contains(TaskState.FAILED);
        assertThat(task(runId, "next").status()).isEqualTo(TaskState.SKIPPED);
        assertThat(task(runId, "next").attempts()).isEmpty();
        assertThatThrownBy(
                        () -> controls().mark(runId, mark("nothing", TaskState.SUCCESS, null, "x"), engine.secrets()))
                .isInstanceOf(NoSuchTaskException.class)
                .hasMessageContaining("run " + runId + " has no task 'nothing'");
    }

    @Test
    void aMarkOnARunQueuedBehindMaxInstancesStartsNothingUntilTheRunBegins() throws Exception {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: one_at_a_time
                    schedule: { type: manual, max_instances: 1 }
                    tasks:
                      - { id: slow, connector: test, action: sleep, action_kwargs: { millis: 600000 } }
                      - { id: next, connector: test, action: echo, action_kwargs: { value: 1 } }
                """);
        String first = engine.start(pipeline);
        await("the first run to run", () -> task(first, "slow").status() == TaskState.RUNNING);
        String queued = engine.start(pipeline);

        controls().mark(queued, mark("slow", TaskState.SKIPPED, null, "not twice"), engine.secrets());

        assertThat(task(queued, "slow").status()).isEqualTo(TaskState.SKIPPED);
        assertThat(task(queued, "next").status())
                .as("nothing starts while the run is queued")
                .isEqualTo(TaskState.PENDING);
        assertThat(engine.store.findRun(queued).orElseThrow().run().status()).isEqualTo(RunState.QUEUED);
        engine.executor.cancel(first, "make room");
        assertThat(engine.executor.await(queued, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
        assertThat(task(queued, "slow").attempts()).isEmpty();
        assertThat(task(queued, "next").attempts()).hasSize(1);
    }
}
