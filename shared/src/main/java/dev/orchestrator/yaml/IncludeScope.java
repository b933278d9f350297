package dev.orchestrator.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config directory that {@code include:} stays inside, as {@code csv_file} stays inside its
 * {@code base_dir}: a path is inside when it is after {@code ..} segments are resolved and, where it exists,
 * after symbolic links are resolved too. Immutable and thread-safe.
 */
final class IncludeScope {

    private final Path directory;
    private final Path realDirectory;

    IncludeScope(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.realDirectory = realPath(this.directory);
    }

    Path directory() {
        return directory;
    }

    /** @param path absolute and normalized */
    boolean contains(Path path) {
        if (!path.startsWith(directory)) {
            return false;
        }
        if (!Files.exists(path)) {
            return true; // reported as not found; nothing there to read, inside or out
        }
        return realPath(path).startsWith(realDirectory);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path; // does not exist (yet): no link in it leads anywhere
        }
    }
}
