package dev.orchestrator.desktop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No console class grows past 350 lines unless its Javadoc says why it must stay one unit (the words "one unit"),
 * so a class that does several jobs is split while it is still easy to.
 */
class ClassSizeTest {

    private static final int MAX_LINES = 350;

    @Test
    void noClassIsOverThreeHundredFiftyLinesWithoutSayingWhy() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).isDirectory();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> {
                        try {
                            List<String> lines = Files.readAllLines(file);
                            return lines.size() > MAX_LINES
                                    && !String.join("\n", lines).contains("one unit");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertThat(tooLong)
                .as("classes over " + MAX_LINES + " lines whose Javadoc does not say why they are one unit")
                .isEmpty();
    }
}
