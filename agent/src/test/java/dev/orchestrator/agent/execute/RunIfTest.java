package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's {@code run_if}: rendered after the dependencies finish, with {@code outputs.<task>}; a false value skips
 * the task with the reason; what depends on a skipped task, on every trigger rule; and {@code outputs.<task>} in
 * action_kwargs.
 */
class RunIfTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private static TaskState state(RunDetail detail, String taskId) {
        return detail.task(taskId).orElseThrow().status();
    }

    @Test
    void aFalseRunIfSkipsTheTaskWithTheReasonAndATrueOneRunsIt() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: branch
                    tasks:
                      - id: count
                        connector: test
                        action: echo
                        action_kwargs: { value: [a, b, c] }
                      - id: empty
                        connector: test
                        action: echo
                        action_kwargs: { value: [] }
                      - id: publish
                        depends_on: [count]
                        run_if: "{{ outputs.count | length > 0 }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: "{{ outputs.count | length }} rows" }
                      - id: publish_empty
                        depends_on: [empty]
                        run_if: "{{ outputs.empty | length > 0 }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: never }
                      - id: zero
                        run_if: "0"
                        connector: test
                        action: echo
                        action_kwargs: { value: never }
                      - id: blank
                        run_if: "{{ '' }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: never }
                      - id: say_no
                        run_if: "no"
                        connector: test
                        action: echo
                        action_kwargs: { value: never }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        TaskRunRecord publish = detail.task("publish").orElseThrow();
        assertThat(publish.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(publish.outputPreview()).contains("\"3 rows\"");
        TaskRunRecord skipped = detail.task("publish_empty").orElseThrow();
        assertThat(skipped.status()).isEqualTo(TaskState.SKIPPED);
        assertThat(skipped.reason()).contains("run_if was false: {{ outputs.empty | length > 0 }}");
        assertThat(skipped.attempts()).isEmpty();
        assertThat(detail.task("zero").orElseThrow().reason()).contains("run_if was false: 0");
        assertThat(state(detail, "blank")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "say_no")).isEqualTo(TaskState.SKIPPED);
        assertThat(engine.events).contains("publish_empty:skipped").doesNotContain("publish_empty:running");
    }

    @Test
    void whatDependsOnASkippedTaskFollowsItsTriggerRule() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: rules
                    tasks:
                      - id: gate
                        run_if: "false"
                        connector: test
                        action: echo
                        action_kwargs: { value: gated }
                      - id: ok
                        connector: test
                        action: echo
                        action_kwargs: { value: fine }
                      - id: on_all_success
                        depends_on: [gate, ok]
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: after_all_success
                        depends_on: [on_all_success]
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: on_none_failed
                        depends_on: [gate, ok]
                        trigger_rule: none_failed
                        connector: test
                        action: echo
                        action_kwargs: { value: "{{ outputs.ok }} without {{ outputs.gate is null }}" }
                      - id: on_all_done
                        depends_on: [gate]
                        trigger_rule: all_done
                        connector: test
                        action: echo
                        action_kwargs: { value: done }
                      - id: on_one_failed
                        depends_on: [gate, ok]
                        trigger_rule: one_failed
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: gated_again
                        depends_on: [on_none_failed]
                        run_if: "{{ outputs.on_none_failed == 'nothing' }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(state(detail, "gate")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "on_all_success")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "after_all_success")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "on_none_failed")).isEqualTo(TaskState.SUCCESS);
        assertThat(detail.task("on_none_failed").orElseThrow().outputPreview()).contains("\"fine without true\"");
        assertThat(state(detail, "on_all_done")).isEqualTo(TaskState.SUCCESS);
        assertThat(state(detail, "on_one_failed")).isEqualTo(TaskState.SKIPPED);
        assertThat(detail.task("gated_again").orElseThrow().reason())
                .contains("run_if was false: {{ outputs.on_none_failed == 'nothing' }}");
    }

    @Test
    void noneFailedDoesNotRunAfterAFailureAndARunIfIsNotRenderedForATaskThatCannotRun() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: failing
                    stop_on_failure: false
                    tasks:
                      - id: broken
                        connector: test
                        action: fail
                        action_kwargs: { kind: state, message: boom }
                        retry: { times: 0 }
                      - id: gate
                        run_if: "no"
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: on_none_failed
                        depends_on: [broken, gate]
                        trigger_rule: none_failed
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: on_all_success
                        depends_on: [broken]
                        run_if: "yes"
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                      - id: on_one_failed
                        depends_on: [broken, gate]
                        trigger_rule: one_failed
                        run_if: "{{ outputs.broken is null }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: cleaned }
                      - id: on_all_done
                        depends_on: [broken]
                        trigger_rule: all_done
                        run_if: "{{ outputs.broken is not null }}"
                        connector: test
                        action: echo
                        action_kwargs: { value: x }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(state(detail, "on_none_failed")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(state(detail, "on_all_success")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(state(detail, "on_one_failed")).isEqualTo(TaskState.SUCCESS);
        assertThat(detail.task("on_all_done").orElseThrow().reason())
                .contains("run_if was false: {{ outputs.broken is not null }}");
    }

    /** The README's example, {@code pipelines/publish_if_rows.yaml}, as it is, with the real shell connector. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theExamplePipelinePublishesSkipsTheOtherBranchAndReusesTheCache() throws IOException, InterruptedException {
        String yaml = Files.readString(Path.of("..", "pipelines", "publish_if_rows.yaml"));

        RunDetail first = engine.run(engine.pipeline(yaml));
        RunDetail second = engine.run(engine.pipeline(yaml));

        assertThat(first.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(first.task("publish").orElseThrow().outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("publishing 3 rows of 2026-01-01"));
        assertThat(first.task("nothing_to_publish").orElseThrow().reason())
                .contains("run_if was false: {{ outputs.count_rows | length == 0 }}");
        assertThat(state(first, "summary")).isEqualTo(TaskState.SUCCESS);
        assertThat(second.task("count_rows").orElseThrow().cached()).isTrue();
        assertThat(state(second, "publish")).isEqualTo(TaskState.SUCCESS);
    }
}
