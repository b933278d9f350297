package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.ForEach;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TriggerRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19's task keys: how the reader binds them, and what the reader and the validator report, where. */
class DynamicKeysTest {

    /** Lines 1 to 10: a pipeline whose second task, 't', is being written; its keys stand in column 9. */
    private static final String HEAD = """
            pipelines:
              - id: p
                tasks:
                  - id: list
                    connector: shell
                    action: run
                    action_kwargs: { command: "echo [1]" }
                  - id: t
                    connector: shell
                    action: run
            """;

    @TempDir
    Path dir;

    @Test
    void theExampleOfTheIssueBindsEveryKey() {
        PipelineConfig config = Fixtures.read(Fixtures.resource("valid/dynamic-work.yaml"));
        assertThat(config.diagnostics()).isEmpty();
        Pipeline pipeline = config.pipeline("partitions_daily").orElseThrow();

        Task load = pipeline.task("load_partition").orElseThrow();
        assertThat(load.forEach()).contains(ForEach.fromTask("list_partitions", OptionalInt.of(8)));
        assertThat(load.isMap()).isTrue();
        assertThat(load.cache().orElseThrow().ttl()).isEmpty();
        assertThat(pipeline.task("per_region")
                        .orElseThrow()
                        .forEach()
                        .orElseThrow()
                        .itemsTemplate())
                .contains("{{ params.regions }}");
        ForEach fixed = pipeline.task("fixed_list").orElseThrow().forEach().orElseThrow();
        assertThat(fixed.items()).contains(List.of("eu", 3, Map.of("name", "apac")));
        assertThat(fixed.maxParallelOr(4)).isEqualTo(4);

        Task call = pipeline.task("refresh_dims").orElseThrow();
        assertThat(call.call().orElseThrow().pipelineId()).isEqualTo("dimensions_refresh");
        assertThat(call.call().orElseThrow().params())
                .containsExactly(
                        Map.entry("day", "{{ yesterday }}"), Map.entry("partitions", "{{ outputs.list_partitions }}"));
        assertThat(call.connector()).isEmpty();
        assertThat(call.action()).isEmpty();
        assertThat(call.callsConnector()).isFalse();

        Task publish = pipeline.task("publish").orElseThrow();
        assertThat(publish.triggerRule()).isEqualTo(TriggerRule.NONE_FAILED);
        assertThat(publish.runIf()).contains("{{ outputs.load_partition | length > 0 }}");
        assertThat(publish.cache().orElseThrow().key()).isEqualTo("{{ yesterday }}");
        assertThat(publish.cache().orElseThrow().ttl()).contains(Duration.ofDays(1));
        assertThat(publish.retry().times()).isEqualTo(5);
        assertThat(publish.retry().delays())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60));
        assertThat(publish.rollback().orElseThrow().action()).isEqualTo("push");
        assertThat(publish.rollback().orElseThrow().actionKwargs())
                .containsEntry("table", "report_{{ yesterday }}")
                .containsEntry("mode", "truncate");
        assertThat(publish.forEach()).isEmpty();
        assertThat(publish.call()).isEmpty();
    }

    @Test
    void aTaskWithoutTheNewKeysBindsThemEmpty() {
        Task extract = Fixtures.read(Fixtures.resource("valid/every-key.yaml"))
                .pipeline("every_key")
                .orElseThrow()
                .task("extract")
                .orElseThrow();

        assertThat(List.of(extract.forEach(), extract.call(), extract.runIf(), extract.cache(), extract.rollback()))
                .allMatch(Optional::isEmpty);
        assertThat(extract.retry().delays()).isEmpty();
    }

    @Test
    void aMisspeltForEachSuggestsForEach() throws IOException {
        List<Diagnostic> found = diagnostics("        for_eahc: { from: list }\n");

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(at(diagnostic)).isEqualTo("KEY001 @ 11:9");
            assertThat(diagnostic.message()).contains("'for_eahc'").contains("did you mean 'for_each'");
        });
    }

    @Test
    void misspeltKeysInsideTheNewMappingsSuggestTheirKeys() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        depends_on: [list]
                        for_each: { frm: list }
                        cache: { keys: x }
                        rollback: { acton: run }
                        retry: { delay: [1] }
                """);

        assertThat(found.stream().filter(d -> d.code().equals("KEY001")).map(Diagnostic::message))
                .hasSize(4)
                .anySatisfy(message -> assertThat(message).contains("did you mean 'from'"))
                .anySatisfy(message -> assertThat(message).contains("did you mean 'key'"))
                .anySatisfy(message -> assertThat(message).contains("did you mean 'action'"))
                .anySatisfy(message -> assertThat(message).contains("did you mean 'delays'"));
    }

    @Test
    void wrongTypesAreReportedAtTheValue() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        for_each: [list]
                        max_parallel: many
                        run_if: [x]
                        cache: "{{ today }}"
                        rollback: truncate
                        retry: { delays: [1, soon, [2]] }
                        pipeline_extra: 1
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .contains(
                        "TYPE001 @ 11:19",
                        "TYPE001 @ 12:23",
                        "TYPE001 @ 13:17",
                        "TYPE001 @ 14:16",
                        "TYPE001 @ 15:19",
                        "TYPE001 @ 16:30",
                        "TYPE001 @ 16:36",
                        "KEY001 @ 17:9");
        assertThat(found.stream().filter(d -> d.line() == 16 && d.column() == 30))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message())
                        .contains("item 2 of 'delays'")
                        .contains("'soon'"));
    }

    @Test
    void numbersOutOfRangeAndMissingKeys() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        for_each: { items: [a] }
                        max_parallel: 0
                        cache: { ttl_seconds: 0 }
                        rollback: { action_kwargs: { table: t } }
                        retry: { delays: [-1] }
                      - id: u
                        for_each: {}
                        connector: shell
                        action: run
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder(
                        "NUM001 @ 12:23",
                        "NUM001 @ 13:31",
                        "KEY002 @ 13:16",
                        "KEY002 @ 14:19",
                        "NUM001 @ 15:27",
                        "KEY002 @ 17:19");
    }

    @Test
    void delaysWithTheBackoffKeysNameEachConflict() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        retry:
                          delays: [1, 5]
                          backoff: 2
                          delay_seconds: 3
                          times: 4
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder("KEY003 @ 13:20", "KEY003 @ 14:26");
        assertThat(found.get(0).message()).contains("both 'delays' and");
        assertThat(found.get(0).hint()).contains("delays[k-1]");
    }

    @Test
    void forEachFromMustBeADependency() throws IOException {
        List<Diagnostic> found = diagnostics("        for_each: { from: list }\n");

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(at(diagnostic)).isEqualTo("DAG006 @ 11:27");
            assertThat(diagnostic.hint()).contains("add 'list' to depends_on");
        });
    }

    @Test
    void maxParallelNeedsForEach() throws IOException {
        List<Diagnostic> found = diagnostics("        max_parallel: 3\n");

        assertThat(found).extracting(DynamicKeysTest::at).containsExactly("MAP001 @ 11:23");
    }

    @Test
    void outputsOfATaskOutsideDependsOnAreRejectedWithAHint() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        depends_on: [list]
                        run_if: "{{ outputs.list | length > 0 }}"
                        action_kwargs: { command: "echo {{ outputs.lst }} {{ outputs.t }}" }
                        cache: { key: "{{ outputs['other'] }}" }
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder("TPL004 @ 13:35", "TPL004 @ 13:35", "TPL004 @ 14:23");
        assertThat(found.stream().filter(d -> d.message().contains("outputs.lst")))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.hint()).contains("did you mean 'list'"));
        assertThat(found.stream().filter(d -> d.message().contains("outputs.other")))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.hint()).contains("outputs here: list"));
        assertThat(found.stream().filter(d -> d.message().contains("outputs.t,")))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.hint()).contains("cannot read its own output"));
    }

    @Test
    void itemIsValidOnlyInThePerItemValuesOfAForEachTask() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        for_each: { items: "{{ item }}" }
                        run_if: "{{ item_index > 0 }}"
                        action_kwargs: { command: "echo {{ item }} {{ item_index }}" }
                        cache: { key: "{{ item }}" }
                      - id: u
                        connector: shell
                        action: run
                        action_kwargs: { command: "echo {{ item }}" }
                        rollback: { action: run, action_kwargs: { command: "echo {{ item_index }}" } }
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder("TPL005 @ 11:28", "TPL005 @ 12:17", "TPL005 @ 18:35", "TPL005 @ 19:60");
        assertThat(found.stream().filter(d -> d.line() == 18))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message()).contains("exists only in a for_each task"));
    }

    @Test
    void aCallNamesAKnownPipelineAndNoConnector() throws IOException {
        List<Diagnostic> found = diagnostics("""
                      - id: call
                        pipeline: q
                        action: run
                        rollback: { action: run }
                      - id: typo
                        pipeline: pp
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder("CALL001 @ 13:9", "CALL001 @ 14:9", "CALL002 @ 12:19", "CALL002 @ 16:19");
        assertThat(found.stream().filter(d -> d.line() == 16))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message()).contains("did you mean 'p'"));
    }

    @Test
    void callCyclesAreReportedAsAPath() throws IOException {
        List<Diagnostic> found = diagnostics("""
                      - id: call_b
                        pipeline: b
                  - id: b
                    tasks:
                      - id: call_c
                        pipeline: c
                  - id: c
                    tasks:
                      - id: call_p
                        pipeline: p
                """);

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(at(diagnostic)).isEqualTo("CALL003 @ 12:19");
            assertThat(diagnostic.message()).endsWith("p -> b -> c -> p");
        });
        List<Diagnostic> self = diagnostics("""
                      - id: again
                        pipeline: p
                """);
        assertThat(self).singleElement().satisfies(diagnostic -> {
            assertThat(at(diagnostic)).isEqualTo("CALL003 @ 12:19");
            assertThat(diagnostic.message()).endsWith("p -> p");
        });
    }

    @Test
    void paramsWithoutACall() throws IOException {
        List<Diagnostic> found = diagnostics("        params: { day: x }\n");

        assertThat(found).extracting(DynamicKeysTest::at).containsExactly("CALL004 @ 11:17");
    }

    @Test
    void aRollbackCallsAnActionOfTheTasksConnectorWithItsParameters() throws IOException {
        List<Diagnostic> found = diagnostics("""
                        rollback: { action: runn, action_kwargs: { comand: x } }
                      - id: w
                        wait_for: { event: ready, key: k }
                        rollback: { action: run }
                """);

        assertThat(found.stream().map(DynamicKeysTest::at))
                .containsExactlyInAnyOrder("CON002 @ 11:29", "WAIT001 @ 14:9");
        assertThat(found.get(0).message()).contains("rollback of task 't'").contains("did you mean 'run'");
        List<Diagnostic> kwargs = diagnostics("        rollback: { action: run, action_kwargs: { comand: x } }\n");
        assertThat(kwargs).singleElement().satisfies(diagnostic -> {
            assertThat(at(diagnostic)).isEqualTo("CON003 @ 11:51");
            assertThat(diagnostic.message()).contains("did you mean 'command'");
        });
    }

    @Test
    void noneFailedIsATriggerRule() throws IOException {
        assertThat(diagnostics("        trigger_rule: none_failed\n")).isEmpty();
    }

    private List<Diagnostic> diagnostics(String taskLines) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, HEAD + taskLines);
        return Fixtures.read(file).diagnostics();
    }

    private static String at(Diagnostic diagnostic) {
        return diagnostic.code() + " @ " + diagnostic.line() + ":" + diagnostic.column();
    }
}
