package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wait_for} tasks in the engine (SPEC 4): wait without a slot, complete on their event, time out, cancel. */
class WaitForEventTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    /** A wait, a task that uses its payload, and a task beside it that needs the run's only slot. */
    private Pipeline orderFlow(String timeout) {
        return engine.pipeline("""
                pipelines:
                  - id: order_flow
                    max_concurrency: 1
                    params: { order_id: "0" }
                    tasks:
                      - id: wait_ready
                        wait_for: { event: order_ready, key: "order-{{ params.order_id }}" }
                        timeout_seconds: %s
                      - { id: beside, connector: test, action: echo, action_kwargs: { value: busy } }
                      - { id: ship, connector: test, action: identity, depends_on: [wait_ready], pass_output_from: wait_ready }
                """.formatted(timeout));
    }

    private String start(Pipeline pipeline, String orderId) {
        return engine.executor.start(pipeline, RunRequest.manual(Map.of("order_id", orderId)), engine.secrets());
    }

    /** What the API does with a posted event, without the API. */
    private EventWaitStore.Publication post(String event, String key, String payloadJson) {
        Instant now = Instant.now();
        EventWaitStore.Publication publication =
                engine.waits.publish(event, key, payloadJson, now, now.plus(Duration.ofHours(1)));
        publication.deliveredTo().forEach(wait -> engine.executor.eventDelivered(wait.runId(), wait.taskId()));
        return publication;
    }

    private TaskState state(String runId, String taskId) {
        return engine.store
                .findRun(runId)
                .orElseThrow()
                .task(taskId)
                .orElseThrow()
                .status();
    }

    /**
     * The task shows as waiting and its wait is stored: the state is recorded a moment before the wait, and an
     * event posted between the two is kept for the wait rather than delivered to it.
     */
    private boolean waitBegun(String runId, String taskId) {
        return state(runId, taskId) == TaskState.WAITING
                && engine.waits.waitsOf(runId).stream()
                        .anyMatch(wait -> wait.taskId().equals(taskId));
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Test
    void aWaitHoldsNoSlotAndItsEventCompletesItWithThePayloadAsOutput() throws InterruptedException {
        String runId = start(orderFlow("60"), "42");
        await("the wait to begin", () -> waitBegun(runId, "wait_ready"));
        // max_concurrency is 1: the task beside the wait could not run if the wait held the slot
        await("the task beside the wait to succeed", () -> state(runId, "beside") == TaskState.SUCCESS);

        EventWaitStore.Publication wrongKey = post("order_ready", "order-41", "{\"carrier\": \"ups\"}");
        Thread.sleep(200); // time for a wrong delivery to show: the different key must leave it waiting
        assertThat(wrongKey.deliveredTo()).isEmpty();
        assertThat(state(runId, "wait_ready"))
                .as("a different key leaves it waiting")
                .isEqualTo(TaskState.WAITING);
        TaskRunRecord waiting =
                engine.store.findRun(runId).orElseThrow().task("wait_ready").orElseThrow();
        assertThat(waiting.reason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("waiting for event 'order_ready' with key 'order-42'"));

        EventWaitStore.Publication matching = post("order_ready", "order-42", "{\"carrier\": \"dhl\"}");

        assertThat(matching.deliveredTo())
                .extracting(EventWaitStore.DeliveredWait::runId)
                .containsExactly(runId);
        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.task("wait_ready").orElseThrow().outputPreview()).contains("{\"carrier\":\"dhl\"}");
        assertThat(detail.task("ship").orElseThrow().outputPreview())
                .as("pass_output_from hands the payload on")
                .contains("{\"carrier\":\"dhl\"}");
        assertThat(detail.task("wait_ready").orElseThrow().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.status()).isEqualTo(TaskState.SUCCESS));
        assertThat(engine.events).containsSubsequence("wait_ready:waiting", "wait_ready:success", "ship:running");
        assertThat(engine.store.findLogs(runId, java.util.Optional.of("wait_ready"), 0, 10))
                .extracting(dev.orchestrator.agent.store.LogLine::message)
                .anySatisfy(line -> assertThat(line).contains("waiting for event 'order_ready'"))
                .anySatisfy(line -> assertThat(line).contains("arrived"));
    }

    @Test
    void anEventWithoutPayloadCompletesTheWaitWithNoOutput() throws InterruptedException {
        String runId = start(orderFlow("60"), "3");
        await("the wait to begin", () -> waitBegun(runId, "wait_ready"));

        assertThat(post("order_ready", "order-3", "null").deliveredTo()).hasSize(1);

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(engine.store
                        .findRun(runId)
                        .orElseThrow()
                        .task("wait_ready")
                        .orElseThrow()
                        .outputPreview())
                .isEmpty();
    }

    @Test
    void anEventPostedBeforeTheRunIsTakenWhenTheTaskBeginsToWait() throws InterruptedException {
        EventWaitStore.Publication early = post("order_ready", "order-7", "[1, 2, 3]");
        assertThat(early.keptUntil()).isPresent();

        String runId = start(orderFlow("60"), "7");

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(engine.store
                        .findRun(runId)
                        .orElseThrow()
                        .task("ship")
                        .orElseThrow()
                        .outputPreview())
                .contains("[1,2,3]");
    }

    @Test
    void aWaitWithoutItsEventEndsAsTimeoutAndIsNotRetried() throws InterruptedException {
        Instant before = Instant.now();
        String runId = start(orderFlow("1"), "9");

        assertThat(engine.await(runId)).isEqualTo(RunState.FAILED);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        TaskRunRecord wait = detail.task("wait_ready").orElseThrow();
        assertThat(wait.status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(wait.attempts()).hasSize(1);
        assertThat(wait.reason())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("no event 'order_ready'").contains("within 1 s"));
        assertThat(detail.task("ship").orElseThrow().status()).isEqualTo(TaskState.SKIPPED);
        assertThat(detail.run().finishedAt().orElseThrow()).isAfterOrEqualTo(before.plusMillis(900));
        assertThat(post("order_ready", "order-9", "1").deliveredTo())
                .as("the wait is gone")
                .isEmpty();
    }

    @Test
    void cancellingAWaitingRunCancelsTheWait() throws InterruptedException {
        String runId = start(orderFlow("60"), "5");
        await("the wait to begin", () -> waitBegun(runId, "wait_ready"));

        assertThat(engine.executor.cancel(runId, "cancelled by the test")).isTrue();

        assertThat(engine.await(runId)).isEqualTo(RunState.CANCELLED);
        assertThat(state(runId, "wait_ready")).isEqualTo(TaskState.CANCELLED);
        assertThat(state(runId, "ship")).isEqualTo(TaskState.CANCELLED);
        assertThat(post("order_ready", "order-5", "1").deliveredTo())
                .as("the wait is gone")
                .isEmpty();
    }

    @Test
    void manyWaitsOfOneRunStartAtOnceDespiteMaxConcurrencyOne() throws InterruptedException {
        String runId = engine.executor.start(engine.pipeline("""
                pipelines:
                  - id: fan_in
                    max_concurrency: 1
                    tasks:
                      - { id: a, wait_for: { event: part, key: a } }
                      - { id: b, wait_for: { event: part, key: b } }
                      - { id: c, wait_for: { event: part, key: c } }
                      - { id: all, connector: test, action: echo, action_kwargs: { value: done }, depends_on: [a, b, c] }
                """), RunRequest.manual(Map.of()), engine.secrets());
        await(
                "three waits",
                () -> engine.store.findRun(runId).orElseThrow().tasks().stream()
                                .filter(task -> task.status() == TaskState.WAITING)
                                .count()
                        == 3);

        post("part", "c", "3");
        post("part", "a", "1");
        post("part", "b", "2");

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
    }
}
