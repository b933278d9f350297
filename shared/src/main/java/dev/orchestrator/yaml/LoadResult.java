package dev.orchestrator.yaml;

import dev.orchestrator.secret.SecretMasker;
import java.util.List;

/** What the loader read: the files in the order it met them, and the secrets their references resolved to. */
public record LoadResult(List<LoadedFile> files, SecretMasker secrets) {

    public LoadResult {
        files = List.copyOf(files);
    }
}
