package dev.orchestrator.agent.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.ClassSizes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * No agent class grows past 350 lines unless its Javadoc says why it must stay one unit (the words "one unit"),
 * so a class that does several jobs is split while it is still easy to; see {@link ClassSizes}.
 */
class ClassSizeTest {

    @Test
    void noClassIsOverThreeHundredFiftyLinesWithoutSayingWhy() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).isDirectory();
        assertThat(ClassSizes.tooLongWithoutReason(sources))
                .as("classes over " + ClassSizes.MAX_LINES + " lines whose Javadoc does not say why they are one unit")
                .isEmpty();
    }
}
