package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Approval tasks in the engine (issue 20): they wait as {@code wait_for} tasks do (no slot, in the event-wait store),
 * and an operator's decision ends them: approved, success with who approved as output; rejected, failed and not
 * retried; undecided, timeout.
 */
class ApprovalGateTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private ApprovalGate gate;

    @BeforeEach
    void gate() {
        gate = new ApprovalGate(
                engine.waits, engine.store, engine.executor::eventDelivered, Clock.systemUTC(), JsonMapper.create());
    }

    /** A gate with retries that must not be used, a task beside it that needs the only slot, and what it guards. */
    private Pipeline publish(String timeout) {
        return engine.pipeline("""
                pipelines:
                  - id: publish_numbers
                    max_concurrency: 1
                    tasks:
                      - id: sign_off
                        approval: { message: "Publish the Q3 numbers?", timeout_seconds: %s }
                        retry: { times: 3, delay_seconds: 0 }
                      - { id: beside, connector: test, action: echo, action_kwargs: { value: busy } }
                      - { id: publish, connector: test, action: identity, depends_on: [sign_off], pass_output_from: sign_off }
                """.formatted(timeout));
    }

    private String start(Pipeline pipeline) {
        return engine.executor.start(pipeline, RunRequest.manual(Map.of()), engine.secrets());
    }

    private TaskRunRecord task(String runId, String taskId) {
        return engine.store.findRun(runId).orElseThrow().task(taskId).orElseThrow();
    }

    private boolean waitBegun(String runId, String taskId) {
        return task(runId, taskId).status() == TaskState.WAITING
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
    void anApprovalWaitsWithoutASlotIsListedAndApprovingItPassesWhoApprovedDownstream() throws InterruptedException {
        String runId = start(publish("60"));
        await("the approval to wait", () -> waitBegun(runId, "sign_off"));
        await(
                "the task beside it to run in the only slot",
                () -> task(runId, "beside").status() == TaskState.SUCCESS);
        assertThat(task(runId, "sign_off").reason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("waiting for approval: Publish the Q3 numbers?"));
        assertThat(gate.waiting()).singleElement().satisfies(waiting -> {
            assertThat(waiting.runId()).isEqualTo(runId);
            assertThat(waiting.pipelineId()).isEqualTo("publish_numbers");
            assertThat(waiting.taskId()).isEqualTo("sign_off");
            assertThat(waiting.message()).isEqualTo("Publish the Q3 numbers?");
            assertThat(waiting.deadline()).isAfter(waiting.since().plusSeconds(59));
        });

        ApprovalGate.Decision decision =
                gate.decide(runId, "sign_off", true, "ops-anna", Optional.of("totals checked"));

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.task("sign_off").orElseThrow().outputPreview())
                .hasValueSatisfying(output -> assertThat(output)
                        .contains("\"approved_by\":\"ops-anna\"")
                        .contains("\"comment\":\"totals checked\"")
                        .contains("\"approved_at\":\"" + decision.at() + "\""));
        assertThat(detail.task("publish").orElseThrow().outputPreview())
                .as("pass_output_from hands the approval on")
                .hasValueSatisfying(output -> assertThat(output).contains("ops-anna"));
        assertThat(detail.task("sign_off").orElseThrow().attempts()).hasSize(1);
        assertThat(gate.waiting()).isEmpty();
    }

    @Test
    void aRejectedApprovalFailsOnceNamingWhoAndWhyAndItsDownstreamIsSkipped() throws InterruptedException {
        String runId = start(publish("60"));
        await("the approval to wait", () -> waitBegun(runId, "sign_off"));

        gate.decide(runId, "sign_off", false, "ops-ben", Optional.of("numbers look wrong"));

        assertThat(engine.await(runId)).isEqualTo(RunState.FAILED);
        TaskRunRecord signOff = task(runId, "sign_off");
        assertThat(signOff.status()).isEqualTo(TaskState.FAILED);
        assertThat(signOff.attempts())
                .as("retry: times 3, yet a rejection is not retried")
                .hasSize(1);
        assertThat(signOff.reason()).contains("task 'sign_off' was rejected by ops-ben: numbers look wrong");
        assertThat(task(runId, "publish").status()).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void anApprovalNobodyDecidesTimesOutAndIsNotRetried() throws InterruptedException {
        String runId = start(publish("1"));

        assertThat(engine.await(runId)).isEqualTo(RunState.FAILED);
        TaskRunRecord signOff = task(runId, "sign_off");
        assertThat(signOff.status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(signOff.attempts()).hasSize(1);
        assertThat(signOff.reason())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("nobody approved or rejected task 'sign_off' within 1 s"));
        assertThatThrownBy(() -> gate.decide(runId, "sign_off", true, "late", Optional.empty()))
                .isInstanceOf(TaskNotAwaitingApprovalException.class)
                .hasMessageContaining("ended already as timeout")
                .hasMessageContaining("orchestrator retry " + runId + " --from-task sign_off");
    }

    @Test
    void aDecisionOnATaskNotWaitingForApprovalIsRefusedSayingWhatToDo() throws InterruptedException {
        String runId = start(publish("60"));
        await("the approval to wait", () -> waitBegun(runId, "sign_off"));

        assertThatThrownBy(() -> gate.decide(runId, "beside", true, "ops", Optional.empty()))
                .isInstanceOf(TaskNotAwaitingApprovalException.class)
                .hasMessageContaining("task 'beside' of run '" + runId + "' is not waiting for approval");
        assertThatThrownBy(() -> gate.decide(runId, "no_such_task", true, "ops", Optional.empty()))
                .isInstanceOf(NoSuchTaskException.class);
        assertThatThrownBy(() -> gate.decide("no-such-run", "sign_off", true, "ops", Optional.empty()))
                .isInstanceOf(NoSuchRunException.class);

        gate.decide(runId, "sign_off", true, "first", Optional.empty());
        assertThatThrownBy(() -> gate.decide(runId, "sign_off", false, "second", Optional.empty()))
                .as("the first decision counts; the second finds nothing waiting")
                .isInstanceOf(TaskNotAwaitingApprovalException.class);
        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(task(runId, "sign_off").outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("\"approved_by\":\"first\""));
    }
}
