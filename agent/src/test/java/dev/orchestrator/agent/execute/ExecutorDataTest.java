package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connector instances, templates, outputs and secrets. */
class ExecutorDataTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @Test
    void parallelTasksSharingAConnectorKeyNeverShareAnInstanceAndAllAreClosed() throws InterruptedException {
        String journal = "pool-" + System.nanoTime();
        StringBuilder tasks = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            tasks.append("      - { id: use_")
                    .append(i)
                    .append(", connector: test, connector_config: { journal: \"")
                    .append(journal)
                    .append("\" }, action: useTogether, action_kwargs: { millis: 150, together: 8 } }\n");
        }
        tasks.append("      - { id: breaks, connector: test, connector_config: { journal: \"")
                .append(journal)
                .append("\" }, action: fail, action_kwargs: { kind: state, message: x }, retry: { times: 0 } }\n");
        tasks.append("      - { id: hangs, connector: test, connector_config: { journal: \"")
                .append(journal)
                .append(
                        "\" }, action: sleep, action_kwargs: { millis: 10000 }, timeout_seconds: 0.3, retry: { times: 0 } }\n");

        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: shared_key
                    max_concurrency: 10
                    stop_on_failure: false
                    tasks:
                """ + tasks));

        TestConnector.Journal seen = TestConnector.journal(journal);
        assertThat(seen.overlaps).as("tasks that found their instance in use").isEmpty();
        // the eight held their instances at one moment (useTogether), so each needed its own
        assertThat(seen.created).hasSizeGreaterThanOrEqualTo(8);
        assertThat(seen.closed).containsExactlyInAnyOrderElementsOf(seen.created);
        assertThat(detail.task("breaks").orElseThrow().status()).isEqualTo(TaskState.FAILED);
        assertThat(detail.task("hangs").orElseThrow().status()).isEqualTo(TaskState.TIMEOUT);
    }

    @Test
    void templatesAreRenderedFromTheLogicalTimeInThePipelinesZone() throws InterruptedException {
        var pipeline = engine.pipeline("""
                pipelines:
                  - id: daily_order_sync
                    schedule: { type: manual, timezone: Asia/Shanghai }
                    params: { region: eu }
                    tasks:
                      - id: show
                        connector: test
                        action: echo
                        action_kwargs:
                          value: "{{ now }}|{{ today }}|{{ yesterday }}|{{ yesterday_iso }}|{{ week_start }}|{{ month_start }}|{{ pipeline_id }}|{{ params.region }}|{{ run_id }}"
                """);
        ZonedDateTime logicalTime = ZonedDateTime.of(2024, 3, 15, 6, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
        String runId = engine.executor.start(
                pipeline,
                new RunRequest(TriggerKind.SCHEDULE, Optional.of(logicalTime), Map.of(), 0, Optional.empty()),
                engine.secrets());
        engine.await(runId);

        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.task("show").orElseThrow().outputPreview())
                .contains("\"2024-03-15T06:00:00+08:00|2024-03-15|"
                        + "2024-03-14|2024-03-14T00:00:00+08:00|2024-03-11|2024-03-01|daily_order_sync|eu|" + runId
                        + "\"");
        assertThat(detail.run().logicalTime()).isEqualTo(logicalTime);
    }

    @Test
    void triggerParametersOverrideTheDefaults() throws InterruptedException {
        var pipeline = engine.pipeline("""
                pipelines:
                  - id: params
                    params: { region: eu, limit: 10 }
                    tasks:
                      - { id: show, connector: test, action: echo, action_kwargs: { value: "{{ params.region }}-{{ params.limit }}" } }
                """);
        String runId = engine.executor.start(pipeline, RunRequest.manual(Map.of("region", "us")), engine.secrets());
        engine.await(runId);

        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        assertThat(detail.task("show").orElseThrow().outputPreview()).contains("\"us-10\"");
        assertThat(detail.run().params()).containsEntry("region", "us").containsEntry("limit", 10);
    }

    @Test
    void anUnknownVariableFailsTheTaskWithAMessageNamingIt() throws InterruptedException {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: typo
                    tasks:
                      - { id: show, connector: test, action: echo, action_kwargs: { value: "{{ params.regoin }}" } }
                """));

        assertThat(detail.task("show").orElseThrow().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.errorMessage())
                        .hasValueSatisfying(message -> assertThat(message)
                                .contains("regoin")
                                .contains("task 'show'")
                                .contains("action_kwargs.value")));
    }

    @Test
    void largeOutputsAreSpilledToFilesAndStillReachTheNextTask() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: big
                    tasks:
                      - { id: produce, connector: test, action: big, action_kwargs: { characters: 200000 } }
                      - { id: consume, connector: test, action: identity, depends_on: [produce], pass_output_from: produce }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(detail.task("produce").orElseThrow().outputSize()).isEqualTo(200_002);
        assertThat(detail.task("produce").orElseThrow().outputPreview())
                .hasValueSatisfying(preview -> assertThat(preview).startsWith("(large output"));
        var stored = engine.store.findOutput(detail.run().runId(), "consume").orElseThrow();
        assertThat(stored.file()).isPresent();
        assertThat(Files.size(Path.of(stored.file().get()))).isEqualTo(200_002);
    }

    @Test
    void aSecretNeverReachesTheDatabase() throws InterruptedException {
        String canary = "canary-s3cr3t-7f3a9";
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: leaky
                    params: { token: "${CANARY}" }
                    stop_on_failure: false
                    tasks:
                      - { id: throws_it, connector: test, action: fail, action_kwargs: { kind: state, message: "auth failed for ${CANARY}" }, retry: { times: 0 } }
                      - { id: logs_it, connector: test, action: log, action_kwargs: { message: "using token {{ params.token }}" } }
                      - { id: returns_it, connector: test, action: echo, action_kwargs: { value: { header: "Bearer ${CANARY}" } } }
                """, Map.of("CANARY", canary)));

        assertThat(detail.task("throws_it").orElseThrow().attempts().get(0).errorMessage())
                .contains("auth failed for ***");
        assertThat(detail.task("returns_it").orElseThrow().outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("Bearer ***"));
        List<String> everyText = engine.database.jdbi().withHandle(handle -> {
            List<String> texts = new java.util.ArrayList<>();
            for (String table : List.of("runs", "task_runs", "attempts", "task_logs", "run_events")) {
                handle.createQuery("SELECT * FROM " + table)
                        .mapToMap()
                        .forEach(row -> row.values().forEach(value -> texts.add(String.valueOf(value))));
            }
            return texts;
        });
        assertThat(everyText).isNotEmpty().noneMatch(text -> text.contains(canary));
        assertThat(engine.store.findLogs(detail.run().runId(), Optional.of("logs_it"), 0, 10))
                .singleElement()
                .satisfies(line -> assertThat(line.message()).isEqualTo("using token ***"));
    }
}
