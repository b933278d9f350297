package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's {@code rollback}: the action runs once on the task's connector after the task failed for good or timed
 * out, with the task's templates; its outcome is recorded on the task and never changes the run's state; it does
 * not run after a success, nor while retries are left.
 */
class RollbackTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    String journal;

    @BeforeEach
    void nameTheJournal(TestInfo test) {
        journal = test.getDisplayName() + System.nanoTime();
    }

    private String pipeline(String action, String kwargs, String rollbackAction, String extra) {
        return """
                pipelines:
                  - id: compensated
                    params: { day: "2026-01-01" }
                    tasks:
                      - id: extract
                        connector: test
                        action: echo
                        action_kwargs: { value: partition-7 }
                      - id: load
                        depends_on: [extract]
                        connector: test
                        connector_config: { journal: "%s" }
                        action: %s
                        action_kwargs: %s
                        rollback:
                          action: %s
                          action_kwargs: { key: "undo {{ outputs.extract }} {{ params.day }}", failures: 0 }
                %s""".formatted(journal, action, kwargs, rollbackAction, extra);
    }

    private int calls(String key) {
        var count = TestConnector.journal(journal).calls.get(key);
        return count == null ? 0 : count.get();
    }

    private List<String> logOf(RunDetail detail, String taskId) {
        return engine.store.findLogs(detail.run().runId(), Optional.of(taskId), 0, 1_000).stream()
                .map(LogLine::message)
                .toList();
    }

    @Test
    void runsOnceAfterTheTaskFailedForGoodWithItsTemplatesAndRecordsOk() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline(pipeline(
                "flaky", "{ key: load, failures: 5 }", "flaky", "        retry: { times: 2, delays: [0.05] }")));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        TaskRunRecord load = detail.task("load").orElseThrow();
        assertThat(load.status()).isEqualTo(TaskState.FAILED);
        assertThat(load.attempts()).hasSize(3);
        assertThat(load.rollback()).contains("ok");
        assertThat(calls("undo partition-7 2026-01-01"))
                .as("the rollback ran once, rendered")
                .isEqualTo(1);
        assertThat(logOf(detail, "load")).anyMatch(line -> line.startsWith("rollback: running action 'flaky'"));
        assertThat(logOf(detail, "load")).contains("rollback ok");
    }

    @Test
    void aFailingRollbackIsRecordedAndLeavesTheRunsStateAlone() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline(
                pipeline("fail", "{ kind: state, message: load broke }", "fail", "        retry: { times: 0 }")
                        .replace(
                                "action_kwargs: { key: \"undo {{ outputs.extract }} {{ params.day }}\", failures: 0 }",
                                "action_kwargs: { kind: io, message: \"cannot undo {{ params.day }}\" }")));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(detail.run().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("load"));
        TaskRunRecord load = detail.task("load").orElseThrow();
        assertThat(load.status()).isEqualTo(TaskState.FAILED);
        assertThat(load.reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("load broke"));
        assertThat(load.rollback()).contains("failed: cannot undo 2026-01-01");
    }

    @Test
    void runsAfterTheTaskTimedOut() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline(pipeline(
                "sleep", "{ millis: 60000 }", "flaky", "        timeout_seconds: 0.3\n        retry: { times: 0 }")));

        TaskRunRecord load = detail.task("load").orElseThrow();
        assertThat(load.status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(load.rollback()).contains("ok");
        assertThat(calls("undo partition-7 2026-01-01")).isEqualTo(1);
        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
    }

    @Test
    void doesNotRunAfterASuccessNorBeforeTheLastRetry() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline(pipeline(
                "flaky", "{ key: load, failures: 1 }", "flaky", "        retry: { times: 1, delays: [0.05] }")));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        TaskRunRecord load = detail.task("load").orElseThrow();
        assertThat(load.attempts()).hasSize(2);
        assertThat(load.rollback()).isEmpty();
        assertThat(calls("undo partition-7 2026-01-01")).isZero();
        assertThat(logOf(detail, "load")).noneMatch(line -> line.startsWith("rollback"));
    }
}
