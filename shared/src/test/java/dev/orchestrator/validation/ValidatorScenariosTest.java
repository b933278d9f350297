package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorScenariosTest {

    @TempDir
    Path dir;

    @Test
    void misspeltDependsOnIsReportedOnItsLineWithTheRightSuggestion() throws IOException {
        Path file = write("nightly.yaml", """
                pipelines:
                  - id: nightly
                    tasks:
                      - id: extract
                        connector: csv_file
                        action: fetch
                        action_kwargs: { path: in.csv }
                      - id: load
                        connector: csv_file
                        action: push
                        action_kwargs: { path: out.csv }
                        depend_on: [extract]
                """);

        List<Diagnostic> diagnostics = Fixtures.read(file).diagnostics();

        assertThat(diagnostics).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("KEY001");
            assertThat(diagnostic.line()).isEqualTo(12);
            assertThat(diagnostic.column()).isEqualTo(9);
            assertThat(diagnostic.message()).contains("'depend_on'").contains("did you mean 'depends_on'");
            assertThat(diagnostic.hint()).contains("depends_on");
        });
    }

    @Test
    void aPythonFunctionAsHookIsToldHowToPortIt() throws IOException {
        Path file = write("alerts.yaml", """
                pipelines:
                  - id: nightly
                    on_failure: "alerts.notify:page_oncall"
                    tasks:
                      - id: t
                        connector: shell
                        action: run
                        action_kwargs: { command: "true" }
                        on_failure: my_hooks:on_task_failure
                """);

        List<Diagnostic> diagnostics = Fixtures.read(file).diagnostics();

        assertThat(diagnostics).hasSize(2).allSatisfy(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("HOOK001");
            assertThat(diagnostic.message()).contains("Python function");
            assertThat(diagnostic.hint())
                    .contains("hook plugin")
                    .contains("@Hook(")
                    .contains("HookHandler")
                    .contains("README")
                    .contains("plugins")
                    .contains("hook:<name>");
        });
        assertThat(diagnostics).extracting(Diagnostic::line).containsExactly(3, 9);
    }

    @Test
    void theSamePipelineIdInTwoFilesNamesBothFilesAndLines() throws IOException {
        write("a.yaml", """
                pipelines:
                  - id: first
                    tasks: [{ id: t, connector: shell, action: run, action_kwargs: { command: "echo a" } }]
                  - id: shared_name
                    tasks: [{ id: t, connector: shell, action: run, action_kwargs: { command: "echo a" } }]
                """);
        write("b.yaml", """
                # the other team's file
                pipelines:

                  - id: shared_name
                    tasks: [{ id: t, connector: shell, action: run, action_kwargs: { command: "echo b" } }]
                """);

        PipelineConfig config = Fixtures.read(dir);

        String fileA = dir.resolve("a.yaml").toString();
        String fileB = dir.resolve("b.yaml").toString();
        assertThat(config.diagnostics())
                .hasSize(2)
                .allSatisfy(diagnostic -> assertThat(diagnostic.code()).isEqualTo("ID001"));
        assertThat(config.diagnostics()).anySatisfy(diagnostic -> {
            assertThat(diagnostic.file()).isEqualTo(fileA);
            assertThat(diagnostic.line()).isEqualTo(4);
            assertThat(diagnostic.message()).contains(fileB + ":4:9");
        });
        assertThat(config.diagnostics()).anySatisfy(diagnostic -> {
            assertThat(diagnostic.file()).isEqualTo(fileB);
            assertThat(diagnostic.line()).isEqualTo(4);
            assertThat(diagnostic.message()).contains(fileA + ":4:9");
        });
        assertThat(config.runnablePipelines()).isEmpty();
    }

    @Test
    void threeDifferentMistakesInOneFileAreAllReportedInOnePass() throws IOException {
        Path file = write("three.yaml", """
                pipelines:
                  - id: three_mistakes
                    schedule:
                      type: cron
                      cron_expr: "61 6 * * *"
                    max_concurrency: many
                    tasks:
                      - id: extract
                        connector: csv_file
                        action: fetch
                        action_kwargs: { path: in.csv }
                      - id: load
                        connector: csv_file
                        action: push
                        action_kwargs: { path: out.csv }
                        depends_on: [extrct]
                """);

        List<Diagnostic> diagnostics = Fixtures.read(file).diagnostics();

        assertThat(diagnostics)
                .extracting(diagnostic -> diagnostic.code() + "@" + diagnostic.line())
                .containsExactly("SCH002@5", "TYPE001@6", "DAG002@16");
        assertThat(diagnostics.get(2).hint())
                .contains("did you mean 'extract'?")
                .contains("tasks here: extract, load");
    }

    @Test
    void aFileThatIsNotTextIsReportedAndTheOtherFilesStillLoad() throws IOException {
        Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x0A});
        write("good.yaml", """
                pipelines:
                  - id: good
                    tasks: [{ id: t, connector: shell, action: run, action_kwargs: { command: "echo ok" } }]
                """);

        PipelineConfig config = Fixtures.read(dir);

        assertThat(config.diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("FILE003");
            assertThat(diagnostic.file()).endsWith("binary.yaml");
        });
        assertThat(config.runnablePipelines())
                .extracting(pipeline -> pipeline.id())
                .containsExactly("good");
    }

    @Test
    void connectorNamesAreNotCheckedWhenThePluginsAreUnknown() throws IOException {
        Path file = write("plugin.yaml", """
                pipelines:
                  - id: uses_plugin
                    on_failure: "hook:whatever"
                    tasks: [{ id: t, connector: my_warehouse, action: load }]
                """);
        var reader = new dev.orchestrator.config.PipelineConfigReader(
                new dev.orchestrator.yaml.PipelineLoader(
                        dev.orchestrator.yaml.EnvironmentLookup.of(java.util.Map.of())),
                new Validator(java.util.Optional.empty(), Fixtures.CLOCK));

        assertThat(reader.read(file).diagnostics()).isEmpty();
    }

    @Test
    void aMisspeltActionArgumentIsReportedAtItsKeyWithTheParametersOfTheAction() throws IOException {
        Path file = write("api.yaml", """
                pipelines:
                  - id: orders_api
                    params: { day: "2026-01-01" }
                    tasks:
                      - id: call
                        connector: http_api
                        connector_config: { base_url: "http://localhost:8080" }
                        action: fetch
                        action_kwargs:
                          endpont: "/orders/{{ params.day }}"
                          params: { anything: goes }
                """);

        List<Diagnostic> diagnostics = Fixtures.read(file).diagnostics();

        assertThat(diagnostics).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("CON003");
            assertThat(diagnostic.line()).isEqualTo(10);
            assertThat(diagnostic.column()).isEqualTo(11);
            assertThat(diagnostic.message()).contains("'endpont'").contains("did you mean 'endpoint'?");
            assertThat(diagnostic.hint()).contains("endpoint, method, params, json, timeout");
        });
    }

    @Test
    void dataAndTemplatedValuesAreValidArgumentsAndUnknownActionsAreNotCheckedTwice() throws IOException {
        Path file = write("ok.yaml", """
                pipelines:
                  - id: copy
                    tasks:
                      - id: read
                        connector: csv_file
                        action: fetch
                        action_kwargs: { path: "{{ today }}.csv", encoding: utf-8 }
                      - id: send
                        connector: http_api
                        action: push
                        action_kwargs: { endpoint: /in, data: [1, 2] }
                        depends_on: [read]
                      - id: typo
                        connector: csv_file
                        action: fetchh
                        action_kwargs: { pathh: x.csv }
                """);

        assertThat(Fixtures.read(file).diagnostics())
                .extracting(Diagnostic::code)
                .containsExactly("CON002");
    }

    @Test
    void aMisspeltRetryKeySuggestsTheKeyThatStartsWithIt() throws IOException {
        Path file = write("retry.yaml", """
                pipelines:
                  - id: p
                    tasks:
                      - id: t
                        connector: shell
                        action: run
                        action_kwargs: { command: "echo hi" }
                        retry: { times: 3, delay: 5 }
                """);

        assertThat(Fixtures.read(file).diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("KEY001");
            assertThat(diagnostic.message()).contains("'delay'").contains("did you mean 'delay_seconds'?");
        });
    }

    @Test
    void anUnknownDependencyNeverSuggestsTheTaskItself() throws IOException {
        Path file = write("self.yaml", """
                pipelines:
                  - id: p
                    tasks:
                      - id: extract
                        connector: shell
                        action: run
                        action_kwargs: { command: "echo hi" }
                      - id: transform
                        connector: shell
                        action: run
                        action_kwargs: { command: "echo hi" }
                        depends_on: [transfrom]
                """);

        assertThat(Fixtures.read(file).diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("DAG002");
            assertThat(diagnostic.hint())
                    .doesNotContain("did you mean 'transform'")
                    .contains("tasks here: extract, transform");
        });
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
