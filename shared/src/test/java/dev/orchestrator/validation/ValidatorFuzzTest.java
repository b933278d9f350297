package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid pipeline files the ways people break them (lines deleted or duplicated, indentation shifted,
 * stray characters, files cut short) and checks that every outcome is pipelines or diagnostics, never an
 * exception escaping the loader or the validator. The seed is fixed so a failure can be replayed.
 */
class ValidatorFuzzTest {

    private static final int MUTATIONS = 1_500;
    private static final long SEED = 20261121L;
    private static final String NOISE = ":{}[]-#&*!|>'\"%@`,?\t\\$ {{}}${x";

    @Test
    void everyMutationEndsInPipelinesOrDiagnostics() throws IOException {
        List<String> sources = sources();
        PipelineConfigReader reader = Fixtures.reader(Map.of());
        Random random = new Random(SEED);
        Path includeBase = Fixtures.resource("valid");
        int withErrors = 0;

        for (int i = 0; i < MUTATIONS; i++) {
            String original = sources.get(random.nextInt(sources.size()));
            String mutated = mutate(original, random, 1 + random.nextInt(3));
            String name = "mutation-" + i + ".yaml";
            PipelineConfig[] result = new PipelineConfig[1];

            assertThatCode(() -> result[0] = reader.readText(name, mutated, includeBase))
                    .as("mutation %d of seed %d:%n%s", i, SEED, mutated)
                    .doesNotThrowAnyException();

            PipelineConfig config = result[0];
            assertThat(!config.pipelines().isEmpty() || !config.diagnostics().isEmpty())
                    .as("mutation %d produced neither pipelines nor diagnostics:%n%s", i, mutated)
                    .isTrue();
            assertThat(config.diagnostics()).allSatisfy(diagnostic -> {
                assertThat(diagnostic.line()).isPositive();
                assertThat(diagnostic.column()).isPositive();
                assertThat(diagnostic.message()).isNotBlank();
            });
            if (config.hasErrors()) {
                withErrors++;
            }
        }
        // the mutations must actually break files, or this test proves nothing
        assertThat(withErrors).isGreaterThan(MUTATIONS / 3);
    }

    private static List<String> sources() throws IOException {
        List<Path> files = new ArrayList<>(Fixtures.yamlFiles("valid"));
        try (Stream<Path> examples = Files.list(Path.of("..", "pipelines"))) {
            examples.filter(path -> path.toString().endsWith(".yaml")).forEach(files::add);
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            texts.add(Files.readString(file));
        }
        return texts;
    }

    static String mutate(String text, Random random, int rounds) {
        String current = text;
        for (int round = 0; round < rounds; round++) {
            List<String> lines = new ArrayList<>(List.of(current.split("\n", -1)));
            int line = random.nextInt(lines.size());
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(line);
                case 1 -> lines.add(line, lines.get(line));
                case 2 -> lines.set(line, "  " + lines.get(line));
                case 3 -> lines.set(line, lines.get(line).replaceFirst("^ {1,2}", ""));
                case 4 -> {
                    String target = lines.get(line);
                    int at = target.isEmpty() ? 0 : random.nextInt(target.length() + 1);
                    char noise = NOISE.charAt(random.nextInt(NOISE.length()));
                    lines.set(line, target.substring(0, at) + noise + target.substring(at));
                }
                case 5 -> {
                    int other = random.nextInt(lines.size());
                    String swap = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, swap);
                }
                default -> {
                    String joined = String.join("\n", lines);
                    return joined.substring(0, random.nextInt(joined.length() + 1));
                }
            }
            current = String.join("\n", lines);
        }
        return current;
    }
}
