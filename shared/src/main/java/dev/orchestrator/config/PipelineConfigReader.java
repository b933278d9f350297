package dev.orchestrator.config;

import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.LoadResult;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads and validates in one call: a directory, one file, or text. Thread-safe. */
public final class PipelineConfigReader {

    private final PipelineLoader loader;
    private final Validator validator;

    public PipelineConfigReader(PipelineLoader loader, Validator validator) {
        this.loader = loader;
        this.validator = validator;
    }

    /**
     * @param location a config directory (every {@code *.yaml}/{@code *.yml} directly inside) or one file
     * @throws IOException when a directory cannot be listed; problems with files become diagnostics
     */
    public PipelineConfig read(Path location) throws IOException {
        LoadResult loaded = Files.isDirectory(location) ? loader.loadDirectory(location) : loader.loadFile(location);
        return validated(loaded);
    }

    /**
     * The config {@code directory} would hold with {@code file} saved as {@code text}; nothing is written.
     *
     * @throws IOException when the directory cannot be listed
     */
    public PipelineConfig readReplacing(Path directory, Path file, String text) throws IOException {
        return validated(loader.loadDirectory(directory, file, text));
    }

    public PipelineConfig readText(String name, String text, Path includeBase) {
        return validated(loader.loadText(name, text, includeBase));
    }

    private PipelineConfig validated(LoadResult loaded) {
        return new PipelineConfig(validator.attach(loaded.files(), validator.validate(loaded)), loaded.secrets());
    }
}
