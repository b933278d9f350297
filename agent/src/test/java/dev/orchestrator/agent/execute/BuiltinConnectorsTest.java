package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built-in csv_file and shell connectors, run as pipeline tasks by the real engine. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BuiltinConnectorsTest {

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @Test
    void csvFileReadsGbkWithACustomDelimiterAndWritesUtf8AppendingWithoutASecondHeader() throws Exception {
        Path data = Files.createDirectories(engine.directory.resolve("data"));
        Files.writeString(data.resolve("in.csv"), "城市;人口\n北京;2189\n上海;2487\n", Charset.forName("GBK"));

        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: csv
                    tasks:
                      - { id: read, connector: csv_file, connector_config: { base_dir: data }, action: fetch, action_kwargs: { path: in.csv, encoding: GBK, delimiter: ";" } }
                      - { id: first, connector: csv_file, connector_config: { base_dir: data }, action: push, action_kwargs: { path: out/cities.csv, mode: overwrite }, depends_on: [read], pass_output_from: read }
                      - { id: again, connector: csv_file, connector_config: { base_dir: data }, action: push, action_kwargs: { path: out/cities.csv, mode: append }, depends_on: [first, read], pass_output_from: read }
                """));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(Files.readString(data.resolve("out/cities.csv"), StandardCharsets.UTF_8))
                .isEqualTo("城市,人口\n北京,2189\n上海,2487\n北京,2189\n上海,2487\n");
    }

    @Test
    void csvFileRefusesPathsThatLeaveItsBaseDirectoryWithoutRetrying() throws Exception {
        Files.createDirectories(engine.directory.resolve("data"));
        Files.writeString(engine.directory.resolve("secret.csv"), "a\n1\n");

        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: escape
                    stop_on_failure: false
                    tasks:
                      - { id: up, connector: csv_file, connector_config: { base_dir: data }, action: fetch, action_kwargs: { path: ../secret.csv } }
                      - { id: absolute, connector: csv_file, connector_config: { base_dir: data }, action: fetch, action_kwargs: { path: /etc/passwd } }
                """));

        for (String task : new String[] {"up", "absolute"}) {
            assertThat(detail.task(task).orElseThrow().status()).isEqualTo(TaskState.FAILED);
            assertThat(detail.task(task).orElseThrow().attempts())
                    .singleElement()
                    .satisfies(attempt -> assertThat(attempt.errorMessage())
                            .hasValueSatisfying(message -> assertThat(message).contains("leaves base_dir")));
        }
    }

    @Test
    void shellRunsAPythonScriptThatReadsJsonOnStdinAndPrintsJson() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(python3Exists(), "python3 is not installed here");
        Path script = Files.writeString(engine.directory.resolve("double.py"), """
                import json, sys
                rows = json.load(sys.stdin)
                print("doubling", len(rows), "rows", file=sys.stderr)
                print(json.dumps([{"n": row["n"] * 2} for row in rows]))
                """);

        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: python
                    tasks:
                      - { id: rows, connector: test, action: echo, action_kwargs: { value: [{ n: 1 }, { n: 21 }] } }
                      - { id: double, connector: shell, action: run, action_kwargs: { command: "python3 %s" }, depends_on: [rows], pass_output_from: rows }
                """.formatted(script)));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(detail.task("double").orElseThrow().outputPreview()).contains("[{\"n\":2},{\"n\":42}]");
        assertThat(engine.store.findLogs(detail.run().runId(), Optional.of("double"), 0, 10))
                .extracting(line -> line.message()) // two streams, two readers: their lines may interleave
                .containsExactlyInAnyOrder("stderr: doubling 2 rows", "stdout: [{\"n\": 2}, {\"n\": 42}]");
    }

    @Test
    void aNonZeroExitFailsTheAttemptWithTheCodeAndTheLastStderrLinesAndEnvAndCwdAreHonoured() throws Exception {
        Path work = Files.createDirectories(engine.directory.resolve("work"));
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: exits
                    stop_on_failure: false
                    tasks:
                      - id: three
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "echo first >&2; echo last words >&2; exit 3"] }
                        retry: { times: 0 }
                      - id: where
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "echo \\"$GREETING from $(basename $(pwd))\\""], env: { GREETING: hi }, cwd: work }
                """));

        assertThat(detail.task("three").orElseThrow().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.errorMessage())
                        .hasValueSatisfying(message -> assertThat(message)
                                .contains("exited with code 3")
                                .contains("first")
                                .contains("last words")));
        assertThat(detail.task("where").orElseThrow().outputPreview()).contains("\"hi from work\"");
        assertThat(work).isDirectory();
    }

    @Test
    void theCauseOfAFailingScriptIsTheFirstLineOfItsErrorItsReasonAndItsAlertAndItsLastOutputIsKept() throws Exception {
        Files.writeString(engine.directory.resolve("transform.sh"), """
                echo "reading 3 rows"
                echo 'Traceback (most recent call last):' >&2
                echo '  File "scripts/transform.py", line 12, in <module>' >&2
                echo "KeyError: 'region'" >&2
                echo '' >&2
                exit 2
                """);
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: transform
                    tasks:
                      - { id: transform, connector: shell, action: run, action_kwargs: { command: "sh transform.sh" }, retry: { times: 0 } }
                """));

        var task = detail.task("transform").orElseThrow();
        assertThat(task.reason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("KeyError: 'region'"));
        assertThat(task.attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.errorMessage()).hasValueSatisfying(message -> {
                    assertThat(message.lines().findFirst().orElseThrow()).contains("KeyError: 'region'");
                    assertThat(message)
                            .contains("command 'sh transform.sh' exited with code 2")
                            .contains("Traceback")
                            .contains("reading 3 rows");
                }));
        assertThat(engine.finishedRuns)
                .singleElement()
                .satisfies(run -> assertThat(run.firstError())
                        .hasValueSatisfying(reason -> assertThat(reason).contains("KeyError: 'region'")));
    }

    @Test
    void aScriptWithoutStderrFailsWithItsExitCodeFirstNotItsInlineScript() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: quiet
                    tasks:
                      - { id: quiet, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo half done; exit 4"] }, retry: { times: 0 } }
                """));

        assertThat(detail.task("quiet").orElseThrow().reason())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("exited with code 4").doesNotContain("echo half done"));
        assertThat(detail.task("quiet").orElseThrow().attempts().get(0).errorMessage())
                .hasValueSatisfying(message -> assertThat(message).contains("last lines of stdout:\nhalf done"));
    }

    @Test
    void bothStreamsReachTheLogAsTheyArriveNamedAndLevelledOnlyWhenALineSaysSo() throws Exception {
        Path go = engine.directory.resolve("go");
        Files.writeString(engine.directory.resolve("chatty.sh"), """
                echo "first line"
                while [ ! -f go ]; do sleep 0.05; done
                echo "WARN disk almost full" >&2
                echo "a plain note" >&2
                echo "level=error msg=boom"
                echo "[INFO] done"
                """);
        String runId = engine.start(engine.pipeline("""
                pipelines:
                  - id: chatty
                    tasks:
                      - { id: chatty, connector: shell, action: run, action_kwargs: { command: "sh chatty.sh" } }
                """));
        await("the first line in the log")
                .atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> engine.store.findLogs(runId, Optional.empty(), 0, 100).stream()
                        .anyMatch(line -> line.message().contains("first line")));
        assertThat(engine.store.findLogs(runId, Optional.empty(), 0, 100))
                .as("stdout in the log while it runs")
                .anySatisfy(line -> assertThat(line.message()).isEqualTo("stdout: first line"));
        Files.writeString(go, "");
        assertThat(engine.await(runId)).isEqualTo(RunState.SUCCESS);

        assertThat(engine.store.findLogs(runId, Optional.empty(), 0, 100))
                .extracting(line -> line.level() + " " + line.message())
                .containsSubsequence(
                        "INFO stdout: first line", "ERROR stdout: level=error msg=boom", "INFO stdout: [INFO] done")
                .contains("WARN stderr: WARN disk almost full", "INFO stderr: a plain note");
        assertThat(engine.store
                        .findRun(runId)
                        .orElseThrow()
                        .task("chatty")
                        .orElseThrow()
                        .outputPreview())
                .hasValueSatisfying(
                        output -> assertThat(output).contains("first line").contains("[INFO] done"));
    }

    private static boolean python3Exists() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
