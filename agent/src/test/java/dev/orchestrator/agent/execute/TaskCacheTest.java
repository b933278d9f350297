package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's {@code cache}: a hit ends the task at once as a success, marked cached, with the stored output; a
 * changed definition, a changed key, an expired entry or a cleared cache is a miss that runs the task.
 */
class TaskCacheTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    String journal;

    @BeforeEach
    void nameTheJournal(TestInfo test) {
        journal = test.getDisplayName() + System.nanoTime();
    }

    /** A task that counts its calls (its output is the count), cached under {@code key}. */
    private String pipeline(String key, String extra) {
        return """
                pipelines:
                  - id: cached
                    params: { day: "2026-01-01" }
                    tasks:
                      - id: load
                        connector: test
                        connector_config: { journal: "%s" }
                        action: flaky
                        action_kwargs: { key: load, failures: 0 }
                        cache: { key: "%s"%s }
                      - id: after
                        depends_on: [load]
                        connector: test
                        action: echo
                        action_kwargs: { value: "got {{ outputs.load }}" }
                """.formatted(journal, key, extra);
    }

    private int calls() {
        var count = TestConnector.journal(journal).calls.get("load");
        return count == null ? 0 : count.get();
    }

    private List<String> logOf(RunDetail detail, String taskId) {
        return engine.store.findLogs(detail.run().runId(), Optional.of(taskId), 0, 1_000).stream()
                .map(LogLine::message)
                .toList();
    }

    @Test
    void aSecondRunWithTheSameKeyAndDefinitionReusesTheOutputWithoutRunning() throws InterruptedException {
        String yaml = pipeline("{{ params.day }}", ", ttl_seconds: 86400");
        RunDetail first = engine.run(engine.pipeline(yaml));
        RunDetail second = engine.run(engine.pipeline(yaml));

        assertThat(first.task("load").orElseThrow().cached()).isFalse();
        assertThat(logOf(first, "load")).anyMatch(line -> line.startsWith("cache miss"));
        TaskRunRecord hit = second.task("load").orElseThrow();
        assertThat(second.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(hit.status()).isEqualTo(TaskState.SUCCESS);
        assertThat(hit.cached()).isTrue();
        assertThat(hit.outputPreview()).contains("1");
        assertThat(calls()).as("the connector ran once, for the first run").isEqualTo(1);
        assertThat(logOf(second, "load"))
                .anyMatch(line -> line.startsWith("cache hit")
                        && line.contains(first.run().runId()));
        assertThat(second.task("after").orElseThrow().outputPreview()).contains("\"got 1\"");
    }

    @Test
    void aChangedDefinitionOrKeyIsAMiss() throws InterruptedException {
        engine.run(engine.pipeline(pipeline("{{ params.day }}", "")));
        RunDetail changedDefinition =
                engine.run(engine.pipeline(pipeline("{{ params.day }}", "").replace("action: flaky", """
                        action: flaky
                                timeout_seconds: 30""")));
        RunDetail changedKey = engine.run(engine.pipeline(pipeline("other-{{ params.day }}", "")));

        assertThat(changedDefinition.task("load").orElseThrow().cached()).isFalse();
        assertThat(changedKey.task("load").orElseThrow().cached()).isFalse();
        assertThat(changedKey.task("load").orElseThrow().outputPreview()).contains("3");
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void anEntryOlderThanTheTtlIsAMissAndIsReplaced() throws InterruptedException {
        String yaml = pipeline("k", ", ttl_seconds: 1");
        RunDetail first = engine.run(engine.pipeline(yaml));
        Instant expired =
                first.task("load").orElseThrow().finishedAt().orElseThrow().plusSeconds(1);
        while (Instant.now().isBefore(expired.plusMillis(50))) {
            Thread.sleep(50); // the ttl is wall-clock time: wait it out
        }
        RunDetail afterTtl = engine.run(engine.pipeline(yaml));

        assertThat(afterTtl.task("load").orElseThrow().cached()).isFalse();
        assertThat(afterTtl.task("load").orElseThrow().outputPreview()).contains("2");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void clearingTheCacheForgetsThePipelinesEntries() throws InterruptedException {
        engine.run(engine.pipeline(pipeline("k", "")));

        assertThat(engine.store.clearCache(Optional.of("other"), Optional.empty()))
                .isZero();
        assertThat(engine.store.clearCache(Optional.of("cached"), Optional.of("load")))
                .isEqualTo(1);
        RunDetail afterClear = engine.run(engine.pipeline(pipeline("k", "")));

        assertThat(afterClear.task("load").orElseThrow().cached()).isFalse();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aFailedAttemptIsNotCached() throws InterruptedException {
        String yaml = pipeline("k", "").replace("failures: 0", "failures: 1").replace("action: flaky", """
                action: flaky
                        retry: { times: 0 }""");
        RunDetail failed = engine.run(engine.pipeline(yaml));
        RunDetail next = engine.run(engine.pipeline(yaml));

        assertThat(failed.run().status()).isEqualTo(RunState.FAILED);
        assertThat(next.task("load").orElseThrow().cached()).isFalse();
        assertThat(next.task("load").orElseThrow().status()).isEqualTo(TaskState.SUCCESS);
    }
}
