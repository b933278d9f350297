package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.model.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid fixtures and the repository's example pipelines load without a single diagnostic. */
class ValidFixturesTest {

    /** The repository's runnable examples, which the README's main command starts. */
    private static final Path EXAMPLES = Path.of("..", "pipelines");

    static List<Path> fixtures() {
        return Fixtures.yamlFiles("valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void validFixtureHasNoDiagnostics(Path fixture) {
        PipelineConfig config = Fixtures.read(fixture);

        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.pipelines()).isNotEmpty();
    }

    @Test
    void theWholeValidFolderLoadsOnceWithoutDiagnostics() {
        PipelineConfig config = Fixtures.read(Fixtures.resource("valid"));

        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.pipelines())
                .extracting(Pipeline::id)
                .doesNotHaveDuplicates()
                .contains("every_key", "downstream", "anchors", "from_include", "uses_included");
    }

    @Test
    void theRepositoryExamplesValidateCleanlyAndAreAtLeastThree() throws IOException {
        PipelineConfig config = Fixtures.reader(Map.of()).read(EXAMPLES);

        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.pipelines()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(config.pipelines())
                .allSatisfy(pipeline -> assertThat(pipeline.tasks())
                        .filteredOn(task -> task.call().isEmpty()) // a pipeline: task runs another example
                        .allSatisfy(task -> assertThat(task.connector()).isIn("csv_file", "shell")));
    }

    @Test
    void theSpecificationExampleValidatesOnceItsVariablesAreSet() throws IOException {
        Map<String, String> environment = Map.of(
                "SHOP_TOKEN",
                "shop-token-value",
                "DATABASE_URL",
                "postgresql://loader@db.example.com/shop",
                "FEISHU_WEBHOOK",
                "https://open.feishu.example.com/hook/abc");
        PipelineConfig config =
                Fixtures.reader(environment).read(EXAMPLES.resolve("reference").resolve("daily_order_sync.yaml"));

        assertThat(config.diagnostics()).isEmpty();
        assertThat(config.pipeline("daily_order_sync")).isPresent();
        assertThat(config.secrets().mask("Bearer shop-token-value")).isEqualTo("Bearer ***");
        assertThat(Set.copyOf(config.pipelines().stream().map(Pipeline::id).toList()))
                .containsExactlyInAnyOrder("daily_order_sync", "another_pipeline");
    }
}
