package dev.orchestrator.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.model.MisfirePolicy;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RetryPolicy;
import dev.orchestrator.model.ScheduleType;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskLogBudget;
import dev.orchestrator.model.TriggerRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {

    @TempDir
    Path dir;

    private static LoadResult load(String yaml, Map<String, String> environment) {
        return new PipelineLoader(EnvironmentLookup.of(environment)).loadText("test.yaml", yaml, Path.of("."));
    }

    private static Pipeline only(LoadResult result) {
        assertThat(result.files())
                .singleElement()
                .satisfies(file -> assertThat(file.diagnostics()).isEmpty());
        return result.files().get(0).pipelines().get(0);
    }

    @Test
    void appliesEveryDefaultOfTheFormat() {
        Pipeline pipeline = only(load("""
                pipelines:
                  - id: minimal
                    tasks:
                      - { id: only, connector: shell, action: run }
                """, Map.of()));

        assertThat(pipeline.name()).isEqualTo("minimal");
        assertThat(pipeline.schedule().type()).isEqualTo(ScheduleType.MANUAL);
        assertThat(pipeline.schedule().maxInstances()).isEqualTo(1);
        assertThat(pipeline.schedule().misfire()).isEqualTo(MisfirePolicy.RUN_ONCE);
        assertThat(pipeline.schedule().timezone()).isEmpty();
        assertThat(pipeline.maxConcurrency()).isEqualTo(4);
        assertThat(pipeline.stopOnFailure()).isTrue();
        assertThat(pipeline.timeout()).isEmpty();
        assertThat(pipeline.notifications().onTaskFailure()).isTrue();
        assertThat(pipeline.notifications().onPipelineFailure()).isTrue();
        assertThat(pipeline.notifications().onPipelineSuccess()).isFalse();
        assertThat(pipeline.notifications().failureThreshold()).isEqualTo(1);
        Task task = pipeline.tasks().get(0);
        assertThat(task.name()).isEqualTo("only");
        assertThat(task.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(task.triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        assertThat(task.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(task.retry().maxAttempts()).isEqualTo(4);
        assertThat(task.retry().delayBefore(1, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(task.retry().delayBefore(3, 0)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aTaskCarriesItsOwnLogBudgetAndTheKeysItLeavesOutStayTheAgents() {
        Pipeline pipeline = only(load("""
                pipelines:
                  - id: p
                    tasks:
                      - { id: whole, connector: shell, action: run, log_budget: { lines: 10, mb: 0.5, keep_whole: true } }
                      - { id: lines_only, connector: shell, action: run, log_budget: { lines: 2000 } }
                      - { id: none, connector: shell, action: run }
                """, Map.of()));

        assertThat(pipeline.tasks().get(0).logBudget())
                .contains(new TaskLogBudget(OptionalLong.of(10), OptionalLong.of(512 * 1024), Optional.of(true)));
        assertThat(pipeline.tasks().get(1).logBudget())
                .contains(new TaskLogBudget(OptionalLong.of(2000), OptionalLong.empty(), Optional.empty()));
        assertThat(pipeline.tasks().get(2).logBudget()).isEmpty();
    }

    @Test
    void retryWaitsGrowByBackoffUpToTheCap() {
        Task task = only(load("""
                pipelines:
                  - id: p
                    tasks:
                      - id: t
                        connector: shell
                        action: run
                        retry: { times: 5, delay_seconds: 10, backoff: 2.0, max_delay_seconds: 30, jitter: 0.5 }
                """, Map.of())).tasks().get(0);

        assertThat(task.retry().delayBefore(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(task.retry().delayBefore(2, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(task.retry().delayBefore(3, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(task.retry().delayBefore(2, 1.0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void remembersWhereEveryValueStands() {
        Pipeline pipeline = only(load("""
                pipelines:
                  - id: positions
                    tasks:
                      - id: a
                        connector: shell
                        action: run
                        action_kwargs:
                          command: "echo {{ today }}"
                        depends_on: []
                """, Map.of()));

        assertThat(pipeline.source().valueAt("id").line()).isEqualTo(2);
        assertThat(pipeline.source().valueAt("tasks.0.action_kwargs.command")).satisfies(position -> {
            assertThat(position.line()).isEqualTo(8);
            assertThat(position.column()).isEqualTo(20);
        });
        assertThat(pipeline.source().keyAt("tasks.0.depends_on").column()).isEqualTo(9);
        assertThat(pipeline.source().valueAt("tasks.0.no.such.path").line()).isEqualTo(4);
    }

    @Test
    void anEnvironmentValueStaysTextAndCannotAddStructure() {
        String hostile = "x\n    injected: true\n  - id: evil\n    tasks: []";
        LoadResult result = load("""
                pipelines:
                  - id: safe
                    params:
                      note: "${NOTE}"
                      port: ${PORT}
                    tasks:
                      - { id: t, connector: shell, action: run }
                """, Map.of("NOTE", hostile, "PORT", "5432"));

        Pipeline pipeline = only(result);
        assertThat(result.files().get(0).pipelines()).hasSize(1);
        assertThat(pipeline.params()).containsEntry("note", hostile).containsEntry("port", "5432");
        assertThat(result.secrets().mask("value " + hostile)).isEqualTo("value ***");
    }

    @Test
    void referencesInCommentsAndKeysAreLeftAlone() {
        LoadResult result = load("""
                # ${NOT_SET_AND_FINE}
                pipelines:
                  - id: p
                    params: { "${KEY}": value }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """, Map.of());

        assertThat(only(result).params()).containsOnlyKeys("${KEY}");
    }

    @Test
    void freeFormValuesKeepTheirYamlTypes() {
        Pipeline pipeline = only(load("""
                pipelines:
                  - id: p
                    params: { count: 3, big: 9000000000, ratio: 0.5, flag: true, none: ~, name: eu, list: [1, two] }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """, Map.of()));

        assertThat(pipeline.params())
                .containsEntry("count", 3)
                .containsEntry("big", 9_000_000_000L)
                .containsEntry("ratio", 0.5)
                .containsEntry("flag", true)
                .containsEntry("none", null)
                .containsEntry("name", "eu")
                .containsEntry("list", List.of(1, "two"));
    }

    @Test
    void readsTheDotEnvFileBesideTheConfigDirectory() throws IOException {
        Path config = Files.createDirectory(dir.resolve("pipelines"));
        Files.writeString(dir.resolve(".env"), "ORCH_TEST_ONLY_IN_DOTENV=from-dot-env\n");
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: p
                    params: { value: "${ORCH_TEST_ONLY_IN_DOTENV}" }
                    tasks:
                      - { id: t, connector: shell, action: run }
                """);

        LoadResult result = PipelineLoader.forConfigDirectory(config).loadDirectory(config);

        assertThat(only(result).params()).containsEntry("value", "from-dot-env");
        assertThat(result.secrets().mask("from-dot-env")).isEqualTo("***");
    }

    @Test
    void anIncludedFileThatIsAlsoInTheDirectoryIsLoadedOnce() throws IOException {
        Files.writeString(
                dir.resolve("a.yaml"),
                "include: b.yaml\npipelines:\n  - id: a\n    tasks:\n"
                        + "      - { id: t, connector: shell, action: run }\n");
        Files.writeString(
                dir.resolve("b.yaml"),
                "pipelines:\n  - id: b\n    tasks:\n" + "      - { id: t, connector: shell, action: run }\n");

        LoadResult result = new PipelineLoader(EnvironmentLookup.of(Map.of())).loadDirectory(dir);

        assertThat(result.files())
                .extracting(file -> Path.of(file.file()).getFileName().toString())
                .containsExactly("a.yaml", "b.yaml");
        assertThat(result.files())
                .allSatisfy(file -> assertThat(file.diagnostics()).isEmpty());
    }

    @Test
    void loadsADirectoryWithOneFilesTextReplacedAndLeavesTheFileAsItIs() throws IOException {
        Files.writeString(
                dir.resolve("a.yaml"),
                "pipelines:\n  - { id: a, tasks: [{ id: t, connector: shell, action: run }] }\n");
        Path b = dir.resolve("b.yaml");
        String onDisk = "pipelines:\n  - { id: b, tasks: [{ id: t, connector: shell, action: run }] }\n";
        Files.writeString(b, onDisk);

        LoadResult loaded = new PipelineLoader(EnvironmentLookup.of(Map.of()))
                .loadDirectory(dir, b, onDisk.replace("id: b", "id: c"));

        assertThat(loaded.files())
                .extracting(LoadedFile::file)
                .containsExactly(dir.resolve("a.yaml").toString(), b.toString());
        assertThat(loaded.files())
                .flatExtracting(LoadedFile::pipelines)
                .extracting(Pipeline::id)
                .containsExactly("a", "c");
        assertThat(Files.readString(b)).isEqualTo(onDisk);
    }

    private static final String STOLEN = "FIRST_LINE_OF_AN_OUTSIDE_FILE:x:0:0\npipelines:\n  - id: stolen\n"
            + "    tasks:\n      - { id: t, connector: shell, action: run }\n";
    private static final String PIPELINE =
            "pipelines:\n  - id: %s\n    tasks:\n" + "      - { id: t, connector: shell, action: run }\n";

    @Test
    void aFileOfTheConfigDirectoryThatLinksOutIsReportedAndNeverRead() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path outside = Files.writeString(dir.resolve("outside.yaml"), STOLEN);
        Files.createSymbolicLink(config.resolve("zz_evil.yaml"), outside);
        Files.writeString(config.resolve("main.yaml"), PIPELINE.formatted("main"));

        LoadResult result = new PipelineLoader(EnvironmentLookup.of(Map.of())).loadDirectory(config);

        assertThat(result.files())
                .flatExtracting(LoadedFile::pipelines)
                .extracting(Pipeline::id)
                .containsExactly("main");
        assertThat(result.files())
                .flatExtracting(LoadedFile::diagnostics)
                .singleElement()
                .satisfies(found -> {
                    assertThat(found.code()).isEqualTo("FILE005");
                    assertThat(found.file()).endsWith("zz_evil.yaml");
                    assertThat(found.message())
                            .contains("outside the config directory")
                            .doesNotContain("FIRST_LINE");
                });
    }

    @Test
    void anIncludeOutsideTheConfigDirectoryIsReportedWhereItStandsAndNeverRead() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path outside = Files.writeString(dir.resolve("outside.yaml"), STOLEN);
        Files.createSymbolicLink(config.resolve("shared.inc"), outside);
        Files.createDirectories(config.resolve("parts"));
        Files.writeString(
                config.resolve("main.yaml"),
                "include:\n  - " + outside.toAbsolutePath()
                        + "\n  - ../outside.yaml\n  - shared.inc\n  - parts/nested.yaml\n"
                        + PIPELINE.formatted("main"));
        Files.writeString(
                config.resolve("parts/nested.yaml"), "include: ../../outside.yaml\n" + PIPELINE.formatted("nested"));

        LoadResult result = new PipelineLoader(EnvironmentLookup.of(Map.of())).loadDirectory(config);

        assertThat(result.files())
                .extracting(file ->
                        config.relativize(Path.of(file.file()).toAbsolutePath()).toString())
                .containsExactly("main.yaml", "parts/nested.yaml");
        assertThat(result.files().get(0).diagnostics())
                .extracting(found -> found.code() + " @ " + found.line() + ":" + found.column())
                .containsExactly("FILE005 @ 2:5", "FILE005 @ 3:5", "FILE005 @ 4:5");
        assertThat(result.files().get(1).diagnostics())
                .extracting(found -> found.code() + " @ " + found.line() + ":" + found.column())
                .containsExactly("FILE005 @ 1:10");
        assertThat(result.files()).flatExtracting(LoadedFile::diagnostics).allSatisfy(found -> {
            assertThat(found.message()).contains("outside the config directory").doesNotContain("FIRST_LINE");
            assertThat(found.hint()).contains("inside the config directory");
        });
        assertThat(result.files())
                .flatExtracting(LoadedFile::pipelines)
                .extracting(Pipeline::id)
                .containsExactly("main", "nested");
    }

    @Test
    void includesInsideAConfigDirectoryReachedThroughASymbolicLinkStillLoad() throws IOException {
        Path config = Files.createDirectories(dir.resolve("real-config"));
        Path linked = Files.createSymbolicLink(dir.resolve("config"), config);
        Files.createDirectories(config.resolve("parts"));
        Files.writeString(config.resolve("main.yaml"), "include: parts/nested.yaml\n" + PIPELINE.formatted("main"));
        Files.writeString(config.resolve("parts/nested.yaml"), PIPELINE.formatted("nested"));
        Files.createSymbolicLink(config.resolve("parts/alias.inc"), config.resolve("parts/nested.yaml"));
        Files.writeString(config.resolve("other.yaml"), "include: parts/alias.inc\n" + PIPELINE.formatted("other"));

        LoadResult result = new PipelineLoader(EnvironmentLookup.of(Map.of())).loadDirectory(linked);

        assertThat(result.files()).flatExtracting(LoadedFile::diagnostics).isEmpty();
        assertThat(result.files())
                .flatExtracting(LoadedFile::pipelines)
                .extracting(Pipeline::id)
                .contains("main", "nested", "other");
    }
}
