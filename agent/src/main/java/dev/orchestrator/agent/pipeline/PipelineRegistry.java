package dev.orchestrator.agent.pipeline;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.validation.Diagnostic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The pipelines the agent runs: those of the config directory's files that validate. Reading a new config
 * replaces the old one in one step, so callers always see one consistent version. Thread-safe.
 */
public final class PipelineRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRegistry.class);

    private final Path configDirectory;
    private final PipelineConfigReader reader;
    private volatile PipelineConfig config;

    public PipelineRegistry(Path configDirectory, PipelineConfigReader reader) {
        this.configDirectory = configDirectory;
        this.reader = reader;
    }

    /** Reads the config directory again and logs what is wrong in it. */
    public PipelineConfig reload() {
        PipelineConfig loaded;
        try {
            loaded = reader.read(configDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config directory " + configDirectory, e);
        }
        for (Diagnostic diagnostic : loaded.diagnostics()) {
            if (diagnostic.isError()) {
                LOG.error("{}", diagnostic.toLine());
            } else {
                LOG.warn("{}", diagnostic.toLine());
            }
        }
        config = loaded;
        LOG.info("loaded {} runnable pipelines from {} ({} errors, {} warnings)", loaded.runnablePipelines().size(),
                configDirectory, loaded.errorCount(), loaded.warningCount());
        return loaded;
    }

    public Optional<Pipeline> find(String pipelineId) {
        return current().runnablePipelines().stream().filter(pipeline -> pipeline.id().equals(pipelineId)).findFirst();
    }

    public List<Pipeline> runnable() {
        return current().runnablePipelines();
    }

    public SecretMasker secrets() {
        PipelineConfig current = config;
        return current == null ? SecretMasker.none() : current.secrets();
    }

    public List<Diagnostic> diagnostics() {
        return current().diagnostics();
    }

    private PipelineConfig current() {
        PipelineConfig current = config;
        if (current == null) {
            throw new IllegalStateException("no config loaded yet; call reload() first");
        }
        return current;
    }
}
