package dev.orchestrator.validation;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reading fixtures the way the agent reads config, with a fixed clock and a fixed environment. */
final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneId.of("UTC"));
    /** The fixtures are read as an agent of 8 GB and 4 processors reads them (RES001). */
    static final ResourceLimits AGENT_LIMITS = new ResourceLimits(8192, 4);

    private Fixtures() {}

    static PipelineConfigReader reader(Map<String, String> environment) {
        return new PipelineConfigReader(
                new PipelineLoader(EnvironmentLookup.of(environment)),
                new Validator(Optional.of(TestCatalog.builtinsWithPageOncallHook()), CLOCK, Optional.of(AGENT_LIMITS)));
    }

    static PipelineConfig read(Path location) {
        try {
            return reader(Map.of()).read(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/pipelines/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML files directly inside a fixture folder, in name order. */
    static List<Path> yamlFiles(String folder) {
        try (Stream<Path> files = Files.list(resource(folder))) {
            return files.filter(PipelineLoader::isPipelineFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
