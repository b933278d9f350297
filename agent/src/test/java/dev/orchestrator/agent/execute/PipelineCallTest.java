package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pipeline:} tasks in the engine (issue 19): a call starts a child run with its rendered params, waits for it
 * without a slot or a thread, and takes its outputs or its failure; cancelling the caller cancels the child; a retry
 * of the caller does not run a child that succeeded again.
 */
class PipelineCallTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    /** {@code nightly} calls {@code dimensions_refresh} with a day from its first task, then publishes its output. */
    private Pipeline nightly(String childTasks, String publish) {
        return engine.pipeline("""
                pipelines:
                  - id: nightly
                    tasks:
                      - { id: extract, connector: test, action: echo, action_kwargs: { value: "2026-01-02" } }
                      - id: refresh_dims
                        depends_on: [extract]
                        pipeline: dimensions_refresh
                        params: { day: "{{ outputs.extract }}" }
                        retry: { times: 0 }
                      - id: publish
                        depends_on: [refresh_dims]
                        %s
                        retry: { times: 0 }
                  - id: dimensions_refresh
                    params: { day: "" }
                    tasks:
                %s
                """.formatted(publish, childTasks));
    }

    private static final String ECHO_DAY =
            "      - { id: refresh, connector: test, action: echo, action_kwargs: { value: \"dims of {{ params.day }}\" } }";
    private static final String PUBLISH_REFRESHED =
            "connector: test\n        action: echo\n        action_kwargs: { value: \"{{ outputs.refresh_dims.refresh }}\" }";

    private RunDetail detail(String runId) {
        return engine.store.findRun(runId).orElseThrow();
    }

    private TaskRunRecord task(String runId, String taskId) {
        return detail(runId).task(taskId).orElseThrow();
    }

    private Optional<String> child(String runId) {
        return detail(runId).calls().childRunOf("refresh_dims");
    }

    private List<RunRecord> childRuns() {
        return engine.store.findRuns("dimensions_refresh", 10);
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Test
    void aCallSucceedsWithTheChildsOutputsWhichDownstreamTasksRead() throws InterruptedException {
        Pipeline pipeline = nightly(ECHO_DAY, PUBLISH_REFRESHED);

        RunDetail parent = engine.run(pipeline);

        assertThat(parent.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(parent.task("refresh_dims").orElseThrow().outputPreview())
                .as("a map of the child's task ids to their outputs")
                .contains("{\"refresh\":\"dims of 2026-01-02\"}");
        assertThat(parent.task("publish").orElseThrow().outputPreview()).contains("\"dims of 2026-01-02\"");
        String childRunId = parent.calls().childRunOf("refresh_dims").orElseThrow();
        RunDetail child = detail(childRunId);
        assertThat(child.run().trigger()).isEqualTo(TriggerKind.PIPELINE);
        assertThat(child.run().parentRunId()).contains(parent.run().runId());
        assertThat(child.calls().parentTaskId()).contains("refresh_dims");
        assertThat(child.run().params()).containsEntry("day", "2026-01-02");
        assertThat(child.run().logicalTime())
                .as("the child runs for its caller's logical time")
                .isEqualTo(parent.run().logicalTime());
        assertThat(engine.store.findLogs(parent.run().runId(), Optional.of("refresh_dims"), 0, 10))
                .extracting(dev.orchestrator.agent.store.LogLine::message)
                .anySatisfy(line -> assertThat(line).contains("waiting for its child run " + childRunId))
                .anySatisfy(line -> assertThat(line)
                        .contains("child run " + childRunId + " of pipeline " + "'dimensions_refresh' succeeded"));
    }

    @Test
    void aChildsFailureFailsTheCallNamingTheChildRunItsTaskAndTheFirstLineOfTheError() throws InterruptedException {
        Pipeline pipeline = nightly(
                "      - { id: refresh, connector: test, action: fail, action_kwargs: { kind: io, message: \"table"
                        + " dims is locked\\nsecond line\" }, retry: { times: 0 } }",
                PUBLISH_REFRESHED);

        RunDetail parent = engine.run(pipeline);

        assertThat(parent.run().status()).isEqualTo(RunState.FAILED);
        String childRunId = parent.calls().childRunOf("refresh_dims").orElseThrow();
        assertThat(detail(childRunId).run().status()).isEqualTo(RunState.FAILED);
        TaskRunRecord call = parent.task("refresh_dims").orElseThrow();
        assertThat(call.status()).isEqualTo(TaskState.FAILED);
        assertThat(call.attempts().get(0).errorMessage())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("child run " + childRunId + " of pipeline 'dimensions_refresh' ended failed: "
                                + "task 'refresh' failed: ")
                        .contains("table dims is locked")
                        .doesNotContain("second line"));
        assertThat(parent.task("publish").orElseThrow().status())
                .as("stop_on_failure: nothing starts after the failed call")
                .isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void cancellingTheCallerCancelsItsChildRun() throws InterruptedException {
        Pipeline pipeline = nightly(
                "      - { id: refresh, connector: test, action: sleep, action_kwargs: { millis: 600000 } }",
                PUBLISH_REFRESHED);
        String parentId = engine.start(pipeline);
        await(
                "the child's task to run",
                () -> child(parentId)
                        .map(childId ->
                                detail(childId).task("refresh").orElseThrow().status() == TaskState.RUNNING)
                        .orElse(false));
        String childRunId = child(parentId).orElseThrow();

        assertThat(engine.executor.cancel(parentId, "cancelled by the operator"))
                .isTrue();

        assertThat(engine.await(parentId)).isEqualTo(RunState.CANCELLED);
        assertThat(engine.await(childRunId)).isEqualTo(RunState.CANCELLED);
        assertThat(task(parentId, "refresh_dims").status()).isEqualTo(TaskState.CANCELLED);
        assertThat(task(childRunId, "refresh").status()).isEqualTo(TaskState.CANCELLED);
        assertThat(detail(childRunId).run().reason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("task 'refresh_dims' of run " + parentId)
                        .contains("stopped waiting for it"));
    }

    @Test
    void aRetryFromFailureReusesTheChildRunThatSucceeded() throws InterruptedException {
        // publish fails on its first call only: the first run fails after its call succeeded
        Pipeline pipeline = nightly(
                ECHO_DAY,
                "connector: test\n        action: flaky\n        action_kwargs: { key: publish-"
                        + java.util.UUID.randomUUID() + ", failures: 1 }");
        RunDetail first = engine.run(pipeline);
        assertThat(first.run().status()).isEqualTo(RunState.FAILED);
        assertThat(first.task("refresh_dims").orElseThrow().status()).isEqualTo(TaskState.SUCCESS);
        assertThat(childRuns()).hasSize(1);

        String second =
                engine.executor.controls().retry(first.run().runId(), pipeline, engine.secrets(), Optional.empty());

        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        TaskRunRecord call = task(second, "refresh_dims");
        assertThat(call.outputReused()).isTrue();
        assertThat(call.outputPreview()).contains("{\"refresh\":\"dims of 2026-01-02\"}");
        assertThat(childRuns()).as("the child is not run again").hasSize(1);
    }

    @Test
    void aRetryFromTheCallingTaskRunsANewChild() throws InterruptedException {
        Pipeline pipeline = nightly(ECHO_DAY, PUBLISH_REFRESHED);
        RunDetail first = engine.run(pipeline);

        String second = engine.executor
                .controls()
                .retry(first.run().runId(), pipeline, engine.secrets(), Optional.of("refresh_dims"));

        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);
        assertThat(childRuns()).as("asked by name, the call runs again").hasSize(2);
        assertThat(child(second)).isPresent().isNotEqualTo(child(first.run().runId()));
    }

    @Test
    void aWaitingCallHoldsNoSlotOfItsRunNorAWorkerThread() throws InterruptedException {
        Pipeline pipeline = engine.pipeline("""
                pipelines:
                  - id: nightly
                    max_concurrency: 1
                    tasks:
                      - { id: refresh_dims, pipeline: dimensions_refresh }
                      - { id: beside, connector: test, action: echo, action_kwargs: { value: busy } }
                  - id: dimensions_refresh
                    tasks:
                      - { id: ready, wait_for: { event: dims_ready, key: today }, timeout_seconds: 120 }
                """);
        String parentId = engine.start(pipeline);
        await(
                "the call to wait",
                () -> child(parentId).isPresent()
                        && task(parentId, "refresh_dims").status() == TaskState.WAITING);
        // max_concurrency is 1: the task beside the call could not run if the call held the slot
        await(
                "the task beside the call to succeed",
                () -> task(parentId, "beside").status() == TaskState.SUCCESS);
        // a call that held a worker would keep one in the engine's code for good; the periodic rounds pass
        await(
                "a moment when no worker of the engine is in its code",
                () -> Thread.getAllStackTraces().entrySet().stream()
                        .filter(thread -> thread.getKey().getName().startsWith("task-"))
                        .noneMatch(thread -> java.util.Arrays.stream(thread.getValue())
                                .anyMatch(
                                        frame -> frame.getClassName().startsWith("dev.orchestrator.agent.execute."))));

        Instant now = Instant.now();
        engine.waits
                .publish("dims_ready", "today", "{\"rows\": 3}", now, now.plusSeconds(60))
                .deliveredTo()
                .forEach(wait -> engine.executor.eventDelivered(wait.runId(), wait.taskId()));

        assertThat(engine.await(parentId)).isEqualTo(RunState.SUCCESS);
        assertThat(task(parentId, "refresh_dims").outputPreview()).contains("{\"ready\":{\"rows\":3}}");
        assertThat(engine.waits.waitsOf(parentId)).as("the call's wait is gone").isEmpty();
    }

    /** The example of the README, {@code pipelines/refresh_then_report.yaml}, as it is, with the real shell connector. */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({
        org.junit.jupiter.api.condition.OS.LINUX,
        org.junit.jupiter.api.condition.OS.MAC
    })
    void theExamplePipelineReportsWithTheOutputsOfTheDimensionsItRefreshed() throws Exception {
        String yaml =
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "pipelines", "refresh_then_report.yaml"));
        engine.pipeline(yaml);
        Pipeline report = engine.loaded("nightly_report").orElseThrow();

        String runId = engine.executor.start(report, RunRequest.manual(Map.of("day", "2026-01-02")), engine.secrets());

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(task(runId, "refresh_dims").outputPreview())
                .contains("{\"customers\":\"customers of 2026-01-02\",\"products\":\"products of 2026-01-02\"}");
        assertThat(task(runId, "report").outputPreview())
                .contains("\"report of 2026-01-02 with customers of 2026-01-02\"");
    }

    @Test
    void aCallOfAPipelineNoLongerLoadedFailsSaying() throws InterruptedException {
        Pipeline pipeline = nightly(ECHO_DAY, PUBLISH_REFRESHED);
        engine.pipeline("""
                pipelines:
                  - { id: other, tasks: [ { id: t, connector: test, action: echo, action_kwargs: { value: 1 } } ] }
                """); // dimensions_refresh is gone from what the engine has loaded

        RunDetail parent = engine.run(pipeline);

        assertThat(parent.run().status()).isEqualTo(RunState.FAILED);
        assertThat(parent.task("refresh_dims").orElseThrow().attempts().get(0).errorMessage())
                .hasValueSatisfying(message ->
                        assertThat(message).contains("calls pipeline 'dimensions_refresh', which is not loaded"));
    }
}
