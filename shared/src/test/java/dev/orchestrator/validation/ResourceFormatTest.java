package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resource profiles bind to the model; their mistakes are the fixtures' (res001-*, key001-resources-*, ...). */
class ResourceFormatTest {

    private final PipelineConfig config = Fixtures.read(Fixtures.resource("valid/resources.yaml"));

    @Test
    void aTaskTakesEachKeyItDoesNotGiveFromItsPipeline() {
        Pipeline nightly = config.pipeline("nightly_extracts").orElseThrow();

        assertThat(nightly.resources()).contains(new ResourceProfile(1024, 0.5));
        assertThat(nightly.task("small").orElseThrow().resources()).isEqualTo(new ResourceProfile(1024, 0.5));
        assertThat(nightly.task("big_join").orElseThrow().resources()).isEqualTo(new ResourceProfile(6144, 0.5));
        assertThat(nightly.task("crunch").orElseThrow().resources()).isEqualTo(new ResourceProfile(1024, 4));
        assertThat(config.pipeline("light").orElseThrow().tasks().get(0).resources())
                .isEqualTo(ResourceProfile.NONE);
    }

    @Test
    void aMisspeltKeyUnderResourcesIsSuggestedTheRightOne() {
        Diagnostic unknown = Fixtures.read(Fixtures.resource("invalid/key001-resources-unknown-key.yaml"))
                .diagnostics()
                .get(0);

        assertThat(unknown.message())
                .isEqualTo("unknown key 'memorymb' in the resources of task 'extract'; " + "did you mean 'memory_mb'?");
        assertThat(unknown.line()).isEqualTo(10);
        assertThat(unknown.column()).isEqualTo(22);
    }

    @Test
    void aProfileAboveTheAgentsLimitsSaysWhatTheAgentMayGiveAndHowToFixIt() {
        List<Diagnostic> found = Fixtures.read(Fixtures.resource("invalid/res001-resources-above-agent.yaml"))
                .diagnostics();

        Diagnostic memory =
                found.stream().filter(d -> d.line() == 14).findFirst().orElseThrow();
        assertThat(memory.code()).isEqualTo(DiagnosticCode.RESOURCES_ABOVE_AGENT.code());
        assertThat(memory.message())
                .isEqualTo("task 'huge_join' asks for 16384 MB of memory, and this agent may give at most 8192 MB: "
                        + "it could never start");
        assertThat(memory.hint()).contains("--max-memory-mb");
        assertThat(memory.column()).isEqualTo(33);
        Diagnostic cpu = found.stream().filter(d -> d.line() == 21).findFirst().orElseThrow();
        assertThat(cpu.message()).contains("pipeline 'greedy' asks for 8.5 CPU").contains("at most 4");
    }

    @Test
    void withoutAnAgentOnlyTheTypesAreChecked() throws IOException {
        PipelineConfigReader withoutAgent = new PipelineConfigReader(
                new PipelineLoader(EnvironmentLookup.of(Map.of())),
                new Validator(Optional.of(TestCatalog.builtinsWithPageOncallHook()), Fixtures.CLOCK));

        PipelineConfig read = withoutAgent.read(Fixtures.resource("invalid/res001-resources-above-agent.yaml"));

        assertThat(read.diagnostics()).isEmpty();
    }
}
