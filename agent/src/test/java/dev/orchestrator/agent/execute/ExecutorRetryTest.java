package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries (SPEC 4): delays, on_exceptions, what is never retried, and re-running a finished run. */
class ExecutorRetryTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    String journal;

    @BeforeEach
    void nameTheJournal(TestInfo test) {
        journal = test.getDisplayName() + System.nanoTime();
    }

    private List<AttemptRecord> attempts(RunDetail detail, String taskId) {
        return detail.task(taskId).orElseThrow().attempts();
    }

    @Test
    void retriesWithGrowingDelaysUntilItWorks() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: flaky
                    tasks:
                      - id: call
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: call, failures: 2 }
                        retry: { times: 3, delay_seconds: 0.2, backoff: 2.0 }
                """.formatted(journal)));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        List<AttemptRecord> attempts = attempts(detail, "call");
        assertThat(attempts)
                .extracting(AttemptRecord::status)
                .containsExactly(TaskState.FAILED, TaskState.FAILED, TaskState.SUCCESS);
        assertThat(attempts.get(0).errorType()).contains("java.io.IOException");
        assertThat(attempts.get(0).stackTrace())
                .hasValueSatisfying(trace -> assertThat(trace).contains("TestConnector.flaky"));
        Duration firstWait = Duration.between(
                attempts.get(0).finishedAt().orElseThrow(), attempts.get(1).startedAt());
        Duration secondWait = Duration.between(
                attempts.get(1).finishedAt().orElseThrow(), attempts.get(2).startedAt());
        assertThat(firstWait).isBetween(Duration.ofMillis(190), Duration.ofMillis(1_000));
        assertThat(secondWait).isBetween(Duration.ofMillis(390), Duration.ofMillis(1_500));
        assertThat(engine.events)
                .containsSubsequence(
                        "call:running",
                        "call:retrying",
                        "call:running",
                        "call:retrying",
                        "call:running",
                        "call:success");
    }

    @Test
    void givesUpAfterTimesRetries() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: hopeless
                    tasks:
                      - id: call
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: call, failures: 10 }
                        retry: { times: 2, delay_seconds: 0.01 }
                """.formatted(journal)));

        assertThat(detail.run().status()).isEqualTo(RunState.FAILED);
        assertThat(attempts(detail, "call"))
                .hasSize(3)
                .extracting(AttemptRecord::status)
                .containsOnly(TaskState.FAILED);
        assertThat(detail.task("call").orElseThrow().reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("flaky call 3 of 10"));
    }

    @Test
    void onExceptionsMatchesSubclassesAndLeavesOtherExceptionsUnretried() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: selective
                    stop_on_failure: false
                    tasks:
                      - id: subclass
                        connector: test
                        action: fail
                        action_kwargs: { kind: file_not_found, message: gone }
                        retry: { times: 2, delay_seconds: 0.01, on_exceptions: [IOException] }
                      - id: qualified
                        connector: test
                        action: fail
                        action_kwargs: { kind: io, message: gone }
                        retry: { times: 1, delay_seconds: 0.01, on_exceptions: [java.io.IOException] }
                      - id: other
                        connector: test
                        action: fail
                        action_kwargs: { kind: state, message: broken }
                        retry: { times: 2, delay_seconds: 0.01, on_exceptions: [IOException] }
                """));

        assertThat(attempts(detail, "subclass")).hasSize(3);
        assertThat(attempts(detail, "qualified")).hasSize(2);
        assertThat(attempts(detail, "other")).hasSize(1);
    }

    @Test
    void configurationErrorsAndNonRetryableExceptionsAreNotRetried() throws InterruptedException {
        // the validator refuses 'colour' (CON003); the executor must still fail it once, not retry it
        RunDetail detail = engine.run(engine.pipelineUncheckedAgainstConnectors("""
                pipelines:
                  - id: never_again
                    stop_on_failure: false
                    tasks:
                      - { id: wrong_argument, connector: test, action: sleep, action_kwargs: { millis: soon } }
                      - { id: extra_argument, connector: test, action: echo, action_kwargs: { value: 1, colour: red } }
                      - { id: template, connector: test, action: echo, action_kwargs: { value: "{{ params.missing }}" } }
                      - { id: refused, connector: test, action: fail, action_kwargs: { kind: non_retryable, message: "bad token" } }
                """));

        for (String task : List.of("wrong_argument", "extra_argument", "template", "refused")) {
            assertThat(attempts(detail, task)).as(task).hasSize(1);
            assertThat(detail.task(task).orElseThrow().status()).isEqualTo(TaskState.FAILED);
        }
        assertThat(attempts(detail, "wrong_argument").get(0).errorMessage())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("'millis'")
                        .contains("sleep")
                        .contains("long"));
        assertThat(attempts(detail, "extra_argument").get(0).errorMessage())
                .hasValueSatisfying(
                        message -> assertThat(message).contains("'colour'").contains("echo"));
        assertThat(attempts(detail, "template").get(0).errorMessage())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("task 'template'")
                        .contains("action_kwargs.value")
                        .contains("missing"));
    }

    @Test
    void retryingAFinishedRunReusesTheOutputsOfItsSuccessfulTasks() throws InterruptedException {
        var pipeline = engine.pipeline("""
                pipelines:
                  - id: rerun
                    tasks:
                      - { id: extract, connector: test, action: echo, action_kwargs: { value: { rows: 3 } } }
                      - id: load
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: load, failures: 1 }
                        depends_on: [extract]
                        retry: { times: 0 }
                      - { id: report, connector: test, action: identity, depends_on: [load], pass_output_from: load }
                      - { id: audit, connector: test, action: identity, depends_on: [extract], pass_output_from: extract }
                """.formatted(journal));
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.FAILED);

        String second = engine.executor.controls().retry(first, pipeline, engine.secrets(), java.util.Optional.empty());
        assertThat(engine.await(second)).isEqualTo(RunState.SUCCESS);

        RunDetail detail = engine.store.findRun(second).orElseThrow();
        assertThat(detail.run().trigger()).isEqualTo(TriggerKind.RETRY);
        assertThat(detail.run().parentRunId()).contains(first);
        TaskRunRecord extract = detail.task("extract").orElseThrow();
        assertThat(extract.outputReused()).isTrue();
        assertThat(extract.attempts()).isEmpty();
        assertThat(extract.outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("\"rows\":3"));
        assertThat(detail.task("audit").orElseThrow().outputReused()).isTrue();
        assertThat(detail.task("load").orElseThrow().attempts()).hasSize(1);
        assertThat(detail.task("report").orElseThrow().outputPreview()).contains("2");
        assertThat(engine.store.findRun(first).orElseThrow().run().status()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aRetryThatCannotReadASpilledOutputSaysWhichAgentKeepsIt() throws Exception {
        var pipeline = engine.pipeline("""
                pipelines:
                  - id: big_then_fail
                    tasks:
                      - { id: extract, connector: test, action: big, action_kwargs: { characters: 100000 } }
                      - id: load
                        connector: test
                        action: fail
                        action_kwargs: { kind: io, message: "disk full" }
                        depends_on: [extract]
                        retry: { times: 0 }
                """);
        String first = engine.start(pipeline);
        assertThat(engine.await(first)).isEqualTo(RunState.FAILED);
        // as on another machine of the cluster: the spilled file is not there
        try (var files = java.nio.file.Files.walk(engine.directory.resolve("outputs"))) {
            for (java.nio.file.Path file :
                    files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.delete(file);
            }
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        engine.executor.controls().retry(first, pipeline, engine.secrets(), java.util.Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the output of task extract of run " + first + " cannot be read here")
                .hasMessageContaining("kept by agent test-agent, which ran it: retry the run through that agent");
    }
}
