package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolDeclaration;
import dev.orchestrator.secret.SecretMasker;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One pipeline file after loading: the pipelines it declares and the problems found in it.
 *
 * @param file the name used in diagnostics
 * @param path where it was read from; empty for text that came from an editor or the API
 * @param pools the shared pools its top-level {@code pools:} declares
 */
public record LoadedFile(
        String file,
        Optional<Path> path,
        List<Pipeline> pipelines,
        List<PoolDeclaration> pools,
        List<Diagnostic> diagnostics) {

    public LoadedFile {
        pipelines = List.copyOf(pipelines);
        pools = List.copyOf(pools);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A file that declares no pools. */
    public LoadedFile(String file, Optional<Path> path, List<Pipeline> pipelines, List<Diagnostic> diagnostics) {
        this(file, path, pipelines, List.of(), diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** This file with every secret in its diagnostics masked. */
    public LoadedFile masked(SecretMasker secrets) {
        if (secrets.isEmpty()) {
            return this;
        }
        return new LoadedFile(
                file,
                path,
                pipelines,
                pools,
                diagnostics.stream().map(found -> found.masked(secrets)).toList());
    }

    public LoadedFile withMore(List<Diagnostic> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Diagnostic> all = new java.util.ArrayList<>(diagnostics);
        all.addAll(more);
        return new LoadedFile(file, path, pipelines, pools, all);
    }
}
