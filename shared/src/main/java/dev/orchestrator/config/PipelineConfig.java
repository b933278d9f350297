package dev.orchestrator.config;

import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.yaml.LoadedFile;
import java.util.List;
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
