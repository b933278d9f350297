package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DAG rules of SPEC 4: order, no layer barrier, concurrency, stop_on_failure, trigger rules. */
class ExecutorFlowTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private static TaskState state(RunDetail detail, String taskId) {
        return detail.task(taskId).orElseThrow().status();
    }

    private static Instant started(RunDetail detail, String taskId) {
        return detail.task(taskId).orElseThrow().startedAt().orElseThrow();
    }

    private static Instant ended(RunDetail detail, String taskId) {
        return detail.task(taskId).orElseThrow().finishedAt().orElseThrow();
    }

    @Test
    void runsAChainInOrderAndPassesEachOutputOn() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: chain
                    tasks:
                      - { id: first, connector: test, action: echo, action_kwargs: { value: [1, 2, 3] } }
                      - { id: second, connector: test, action: identity, depends_on: [first], pass_output_from: first }
                      - { id: third, connector: test, action: identity, depends_on: [second], pass_output_from: second }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(detail.tasks()).extracting(TaskRunRecord::status).containsOnly(TaskState.SUCCESS);
        assertThat(detail.task("third").orElseThrow().outputPreview()).contains("[1,2,3]");
        assertThat(started(detail, "second")).isAfterOrEqualTo(ended(detail, "first"));
        assertThat(started(detail, "third")).isAfterOrEqualTo(ended(detail, "second"));
        assertThat(detail.run().startedAt()).isPresent();
        assertThat(detail.run().finishedAt()).isPresent();
    }

    @Test
    void aTaskStartsWhenItsOwnDependenciesAreDoneNotWhenItsLayerIs() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: no_barrier
                    tasks:
                      - { id: slow, connector: test, action: sleep, action_kwargs: { millis: 800 } }
                      - { id: fast, connector: test, action: sleep, action_kwargs: { millis: 10 } }
                      - { id: after_fast, connector: test, action: sleep, action_kwargs: { millis: 10 }, depends_on: [fast] }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(ended(detail, "after_fast")).isBefore(ended(detail, "slow"));
    }

    @Test
    void neverRunsMoreTasksAtOnceThanMaxConcurrency() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: limited
                    max_concurrency: 2
                    tasks:
                      - { id: t1, connector: test, action: sleep, action_kwargs: { millis: 150 } }
                      - { id: t2, connector: test, action: sleep, action_kwargs: { millis: 150 } }
                      - { id: t3, connector: test, action: sleep, action_kwargs: { millis: 150 } }
                      - { id: t4, connector: test, action: sleep, action_kwargs: { millis: 150 } }
                      - { id: t5, connector: test, action: sleep, action_kwargs: { millis: 150 } }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(maxOverlap(detail.tasks())).isEqualTo(2);
        // ready tasks start in file order
        assertThat(started(detail, "t3")).isAfterOrEqualTo(started(detail, "t1"));
        assertThat(started(detail, "t5")).isAfterOrEqualTo(started(detail, "t3"));
    }

    @Test
    void stopOnFailureStartsNothingNewButLetsRunningTasksFinish() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: stop
                    tasks:
                      - { id: breaks, connector: test, action: fail, action_kwargs: { kind: state, message: boom }, retry: { times: 0 } }
                      - { id: running, connector: test, action: sleep, action_kwargs: { millis: 400 } }
                      - { id: later, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [running] }
                      - { id: downstream, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [breaks] }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(state(detail, "breaks")).isEqualTo(TaskState.FAILED);
        assertThat(state(detail, "running")).isEqualTo(TaskState.SUCCESS);
        assertThat(state(detail, "later")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "downstream")).isEqualTo(TaskState.SKIPPED);
        assertThat(detail.task("later").orElseThrow().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("stop_on_failure"));
        assertThat(detail.run().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("breaks"));
    }

    @Test
    void withoutStopOnFailureIndependentBranchesGoOnAndDependentsAreUpstreamFailed() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: go_on
                    stop_on_failure: false
                    tasks:
                      - { id: breaks, connector: test, action: fail, action_kwargs: { kind: state, message: boom }, retry: { times: 0 } }
                      - { id: needs_it, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [breaks] }
                      - { id: needs_that, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [needs_it] }
                      - { id: other, connector: test, action: sleep, action_kwargs: { millis: 200 } }
                      - { id: after_other, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [other] }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(state(detail, "needs_it")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(state(detail, "needs_that")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(state(detail, "other")).isEqualTo(TaskState.SUCCESS);
        assertThat(state(detail, "after_other")).isEqualTo(TaskState.SUCCESS);
    }

    @Test
    void triggerRulesDecideWhoRunsAfterAFailure() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: rules
                    tasks:
                      - { id: ok, connector: test, action: echo, action_kwargs: { value: x } }
                      - { id: breaks, connector: test, action: fail, action_kwargs: { kind: state, message: boom }, retry: { times: 0 } }
                      - { id: cleanup, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [ok, breaks], trigger_rule: all_done }
                      - { id: alert, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [breaks], trigger_rule: one_failed }
                      - { id: quiet_alert, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [ok], trigger_rule: one_failed }
                      - { id: normal, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [ok, breaks] }
                """));

        assertThat(state(detail, "cleanup")).isEqualTo(TaskState.SUCCESS);
        assertThat(state(detail, "alert")).isEqualTo(TaskState.SUCCESS);
        assertThat(state(detail, "quiet_alert")).isEqualTo(TaskState.SKIPPED);
        assertThat(state(detail, "normal")).isEqualTo(TaskState.SKIPPED);
        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aRunWhoseOneFailedHandlerIsSkippedStillSucceeds() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: happy
                    tasks:
                      - { id: ok, connector: test, action: echo, action_kwargs: { value: x } }
                      - { id: alert, connector: test, action: echo, action_kwargs: { value: x }, depends_on: [ok], trigger_rule: one_failed }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(state(detail, "alert")).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void everyAttemptIsRecordedWithItsTimes() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: recorded
                    tasks:
                      - { id: only, connector: test, action: sleep, action_kwargs: { millis: 50 } }
                """));

        AttemptRecord attempt = detail.task("only").orElseThrow().attempts().get(0);
        assertThat(attempt.number()).isEqualTo(1);
        assertThat(attempt.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(attempt.durationMillis())
                .hasValueSatisfying(duration -> assertThat(duration).isGreaterThanOrEqualTo(50));
        assertThat(engine.events).containsSubsequence("only:running", "only:success");
    }

    /** The most attempts whose [start, end) intervals overlap at one instant. */
    private static int maxOverlap(List<TaskRunRecord> tasks) {
        int best = 0;
        for (TaskRunRecord task : tasks) {
            Instant at = task.startedAt().orElseThrow();
            int overlapping = (int) tasks.stream()
                    .filter(other -> !other.startedAt().orElseThrow().isAfter(at)
                            && other.finishedAt().orElseThrow().isAfter(at))
                    .count();
            best = Math.max(best, overlapping);
        }
        return best;
    }
}
