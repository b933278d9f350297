package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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

        for (String task : new String[]{"up", "absolute"}) {
            assertThat(detail.task(task).orElseThrow().status()).isEqualTo(TaskState.FAILED);
            assertThat(detail.task(task).orElseThrow().attempts()).singleElement().satisfies(attempt ->
                    assertThat(attempt.errorMessage()).hasValueSatisfying(message ->
                            assertThat(message).contains("leaves base_dir")));
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
                .extracting(line -> line.message()).containsExactly("doubling 2 rows");
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

        assertThat(detail.task("three").orElseThrow().attempts()).singleElement().satisfies(attempt ->
                assertThat(attempt.errorMessage()).hasValueSatisfying(message -> assertThat(message)
                        .contains("exited with code 3").contains("first").contains("last words")));
        assertThat(detail.task("where").orElseThrow().outputPreview()).contains("\"hi from work\"");
        assertThat(work).isDirectory();
    }

    private static boolean python3Exists() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
