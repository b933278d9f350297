package dev.orchestrator.agent.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class-data-sharing archive of the plugin compiler's JVM: {@code orchestrator-compiler.jsa} beside the agent's
 * jar ({@code orchestrator.jar}), made by the build (agent/pom.xml) and by the installer where it installs the jar.
 * It holds the JDK compiler's classes, which the agent's own archive leaves out (the agent never loads them), so a
 * compile's JVM maps them instead of loading and verifying about 1,400 classes (bench/README.md: a third off the
 * compile's CPU time, on every fresh home and every cache miss).
 */
final class CompilerArchive {

    static final String SUFFIX = "-compiler.jsa";

    private CompilerArchive() {}

    /**
     * The archive for a JVM started with this class path: found only when the class path is one jar with the
     * archive beside it (Java 17 maps an archive only for the class path it was made with, and the build makes it
     * for the jar); none when the agent runs from classes (tests, an IDE).
     */
    static Optional<Path> forClassPath(String classPath) {
        List<String> entries = List.of(classPath.split(File.pathSeparator, -1));
        if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(entries.get(0)).toAbsolutePath();
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + SUFFIX);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** The options that make a JVM use the archive; {@code -Xshare:auto}: one that does not fit is ignored. */
    static List<String> options(Optional<Path> archive) {
        return archive.map(path -> List.of("-XX:SharedArchiveFile=" + path, "-Xshare:auto"))
                .orElse(List.of());
    }
}
