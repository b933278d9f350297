package dev.orchestrator.desktop.editor;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.StaticPluginCatalog;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The editor's validation: the same loader and validator as {@code orchestrator validate} and the agent,
 * with the connectors the agent reported. {@code ${VAR}} references count as set: their values live on the
 * agent's machine, which checks them again when the file is saved there.
 */
public final class PipelineCheck {

    /** What a check found: the problems, and the pipelines that could be read. */
    public record Result(List<Diagnostic> diagnostics, List<Pipeline> pipelines, long millis) {

        public long errorCount() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }
    }

    private final PipelineConfigReader reader;

    public PipelineCheck(List<ConnectorDescriptor> connectors, Clock clock) {
        this.reader = new PipelineConfigReader(
                new PipelineLoader(name -> Optional.of("${" + name + "}")),
                new Validator(
                        connectors.isEmpty()
                                ? Optional.empty()
                                : Optional.of(new StaticPluginCatalog(connectors, Set.of())),
                        clock));
    }

    public Result check(String fileName, String text) {
        long started = System.nanoTime();
        PipelineConfig config = reader.readText(fileName, text, Path.of("."));
        return new Result(config.diagnostics(), config.pipelines(), (System.nanoTime() - started) / 1_000_000);
    }
}
