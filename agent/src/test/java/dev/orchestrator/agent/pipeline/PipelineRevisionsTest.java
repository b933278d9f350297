package dev.orchestrator.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revision each load gives a pipeline, as the registry hands it to its runs and its listener. */
class PipelineRevisionsTest {

    private static final String GOOD = """
            pipelines:
              - id: first
                tasks:
                  - { id: a, connector: shell, action: run, action_kwargs: { command: "echo a" } }
              - id: second
                tasks:
                  - { id: b, connector: shell, action: run, action_kwargs: { command: "echo b" } }
            """;

    @TempDir
    Path directory;

    private final List<List<LoadedRevision>> heard = new ArrayList<>();
    private final List<Boolean> atStart = new ArrayList<>();

    private PipelineRegistry registry() {
        PipelineRegistry registry = new PipelineRegistry(
                directory,
                new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.empty(), Clock.systemUTC())));
        registry.reload();
        registry.onLoad((revisions, start) -> {
            heard.add(revisions);
            atStart.add(start);
        });
        return registry;
    }

    @Test
    void aFileGivesEachOfItsPipelinesTheRevisionOfItsTextWhateverItsLineEndings() throws Exception {
        Files.writeString(directory.resolve("p.yaml"), GOOD.replace("\n", "\r\n"));
        PipelineRegistry registry = registry();

        String revision = RevisionTexts.revisionOf(GOOD);
        assertThat(revision).hasSize(12).matches("[0-9a-f]{12}");
        assertThat(registry.revisionOf(registry.find("first").orElseThrow())).contains(revision);
        assertThat(registry.revisionOf(registry.find("second").orElseThrow())).contains(revision);
        assertThat(atStart).containsExactly(true);
        assertThat(heard.get(0))
                .containsExactly(
                        new LoadedRevision("first", revision, "p.yaml", GOOD),
                        new LoadedRevision("second", revision, "p.yaml", GOOD));
    }

    @Test
    void aFileBrokenByAnEditKeepsRunningTheRevisionItWasLastValidIn() throws Exception {
        Path file = directory.resolve("p.yaml");
        Files.writeString(file, GOOD);
        PipelineRegistry registry = registry();
        Pipeline before = registry.find("first").orElseThrow();

        Files.writeString(file, GOOD + "  - id: [broken\n");
        registry.reload();
        assertThat(registry.find("first")).containsSame(before);
        assertThat(registry.revisionOf(before)).contains(RevisionTexts.revisionOf(GOOD));
        assertThat(heard.get(1)).isEmpty();
        assertThat(atStart).containsExactly(true, false);

        String edited = GOOD.replace("echo a", "echo A");
        Files.writeString(file, edited);
        registry.reload();
        Pipeline after = registry.find("first").orElseThrow();
        assertThat(registry.revisionOf(after)).contains(RevisionTexts.revisionOf(edited));
        // a run created with the object of the load before still names the revision it was read from
        assertThat(registry.revisionOf(before)).contains(RevisionTexts.revisionOf(GOOD));
        assertThat(heard.get(2)).extracting(LoadedRevision::revision).containsOnly(RevisionTexts.revisionOf(edited));
    }
}
