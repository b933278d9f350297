package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sensors (SPEC 4): the action is poked until its result is truthy, within the timeout, without a slot between. */
class SensorTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    private List<String> log(String runId, String taskId) {
        return engine.store.findLogs(runId, Optional.of(taskId), 0, 1000).stream()
                .map(LogLine::message)
                .toList();
    }

    private String sensorOnFile(Path baseDir, String timeout, String interval) {
        return engine.executor.start(
                engine.pipeline("""
                pipelines:
                  - id: wait_for_flag
                    max_concurrency: 1
                    tasks:
                      - id: flag
                        connector: csv_file
                        connector_config: { base_dir: "%s" }
                        action: exists
                        action_kwargs: { path: ready.flag }
                        sensor: { poke_interval_seconds: %s }
                        timeout_seconds: %s
                      - { id: beside, connector: test, action: echo, action_kwargs: { value: busy } }
                      - { id: after, connector: test, action: identity, depends_on: [flag], pass_output_from: flag }
                """.formatted(baseDir, interval, timeout)),
                RunRequest.manual(java.util.Map.of()),
                engine.secrets());
    }

    @Test
    void aFileThatAppearsAfterThreePokesIsFoundByTheFourth() throws InterruptedException, IOException {
        Path inbox = Files.createDirectories(engine.directory.resolve("inbox"));
        String runId = sensorOnFile(inbox, "60", "1");

        // the third poke's line is written before the next poke is timed: the file appears between the two
        await("the third poke")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> log(runId, "flag").stream().anyMatch(line -> line.startsWith("poke 3:")));
        RunDetail between = engine.store.findRun(runId).orElseThrow();
        assertThat(between.task("flag").orElseThrow().status()).isEqualTo(TaskState.WAITING);
        assertThat(between.task("beside").orElseThrow().status())
                .as("max_concurrency 1: the sensor holds no slot " + "between pokes")
                .isEqualTo(TaskState.SUCCESS);
        Files.writeString(inbox.resolve("ready.flag"), "go");

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        TaskRunRecord flag = detail.task("flag").orElseThrow();
        assertThat(flag.attempts()).as("the pokes are one attempt").hasSize(1);
        assertThat(flag.outputPreview()).contains("true");
        assertThat(detail.task("after").orElseThrow().outputPreview()).contains("true");
        List<String> lines = log(runId, "flag");
        assertThat(lines).filteredOn(line -> line.contains("does not hold yet")).hasSize(3);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("poke 4: the condition holds"));
        assertThat(engine.events)
                .containsSubsequence(
                        "flag:running",
                        "flag:waiting",
                        "flag:running",
                        "flag:waiting",
                        "flag:running",
                        "flag:waiting",
                        "flag:running",
                        "flag:success");
    }

    @Test
    void aConditionThatNeverHoldsEndsAsTimeoutAfterTimeoutSeconds() throws InterruptedException, IOException {
        Path inbox = Files.createDirectories(engine.directory.resolve("empty"));
        Instant before = Instant.now();
        String runId = sensorOnFile(inbox, "2", "0.3");

        assertThat(engine.await(runId)).isEqualTo(RunState.FAILED);
        RunDetail detail = engine.store.findRun(runId).orElseThrow();
        TaskRunRecord flag = detail.task("flag").orElseThrow();
        assertThat(flag.status()).isEqualTo(TaskState.TIMEOUT);
        assertThat(flag.attempts()).as("a sensor's timeout is not retried").hasSize(1);
        assertThat(flag.reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("did not hold within 2 s"));
        Duration took = Duration.between(before, detail.run().finishedAt().orElseThrow());
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(20));
        assertThat(log(runId, "flag"))
                .filteredOn(line -> line.contains("does not hold yet"))
                .hasSizeGreaterThan(1);
        assertThat(detail.task("after").orElseThrow().status()).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void aPokeThatThrowsFailsTheAttemptAndTheRetryPokesAgain() throws InterruptedException {
        String runId = engine.executor.start(
                engine.pipeline("""
                pipelines:
                  - id: sensor_fails_once
                    tasks:
                      - id: look
                        connector: test
                        action: flaky
                        action_kwargs: { key: "sensor-%s", failures: 1 }
                        sensor: { poke_interval_seconds: 0.2 }
                        retry: { times: 1, delay_seconds: 0.1 }
                """.formatted(java.util.UUID.randomUUID())),
                RunRequest.manual(java.util.Map.of()),
                engine.secrets());

        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);
        TaskRunRecord look =
                engine.store.findRun(runId).orElseThrow().task("look").orElseThrow();
        assertThat(look.attempts())
                .extracting(attempt -> attempt.status())
                .containsExactly(TaskState.FAILED, TaskState.SUCCESS);
        assertThat(look.outputPreview()).contains("2");
    }
}
