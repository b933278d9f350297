package dev.orchestrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The modules' class-size rule (issue 18): no class under {@code src/main/java} grows past {@link #MAX_LINES}
 * lines unless its Javadoc says why it must stay one unit (the words "one unit"), so a class that does several
 * jobs is split while it is still easy to. Each module's {@code ClassSizeTest} asserts it on its own sources.
 */
public final class ClassSizes {

    /** The most lines a source file may have without saying why it is one unit. */
    public static final int MAX_LINES = 350;
    /** The words a longer class's Javadoc uses to say why it must not be split. */
    public static final String REASON_MARKER = "one unit";

    private ClassSizes() {}

    /**
     * The Java files under {@code sources} over {@link #MAX_LINES} lines that do not say why they are one unit.
     *
     * @param sources a module's {@code src/main/java}
     */
    public static List<String> tooLongWithoutReason(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(ClassSizes::isTooLongWithoutReason)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isTooLongWithoutReason(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.size() > MAX_LINES && !String.join("\n", lines).contains(REASON_MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
