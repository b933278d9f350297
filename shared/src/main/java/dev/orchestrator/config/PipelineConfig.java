package dev.orchestrator.config;

import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.yaml.LoadedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated config: every file with its pipelines and all of its problems, and the secrets to mask.
 * Immutable.
 */
public record PipelineConfig(List<LoadedFile> files, SecretMasker secrets) {

    public PipelineConfig {
        files = List.copyOf(files);
    }

    public List<Pipeline> pipelines() {
        return files.stream().flatMap(file -> file.pipelines().stream()).toList();
    }

    /** Pipelines of the files without errors: the ones an agent may run. */
    public List<Pipeline> runnablePipelines() {
        return files.stream()
                .filter(file -> !file.hasErrors())
                .flatMap(file -> file.pipelines().stream())
                .toList();
    }

    /**
     * The shared pools of the files without errors, by name, in file order (a pool declared twice with different
     * sizes is an error of the later file, POOL003, so its size here is the first's).
     */
    public Map<String, Integer> pools() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        files.stream()
                .filter(file -> !file.hasErrors())
                .flatMap(file -> file.pools().stream())
                .forEach(pool -> sizes.putIfAbsent(pool.name(), pool.size()));
        return java.util.Collections.unmodifiableMap(sizes);
    }

    public Optional<Pipeline> pipeline(String id) {
        return pipelines().stream().filter(pipeline -> pipeline.id().equals(id)).findFirst();
    }

    /** Every problem, in file order. */
    public List<Diagnostic> diagnostics() {
        return files.stream()
                .flatMap(file -> file.diagnostics().stream())
                .sorted(Diagnostic.IN_FILE_ORDER)
                .toList();
    }

    public boolean hasErrors() {
        return files.stream().anyMatch(LoadedFile::hasErrors);
    }

    public long errorCount() {
        return diagnostics().stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics().stream()
                .filter(diagnostic -> !diagnostic.isError())
                .count();
    }
}
