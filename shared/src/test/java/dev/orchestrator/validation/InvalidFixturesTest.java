package dev.orchestrator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.diagnostic.DiagnosticCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code pipelines/invalid/} declares, in {@code # expect: CODE @ LINE} comments, exactly the
 * diagnostics it must produce; the test checks the codes and lines, nothing missing and nothing extra.
 */
class InvalidFixturesTest {

    private static final Pattern EXPECT = Pattern.compile("^#\\s*expect:\\s*([A-Z]+\\d{3})\\s*@\\s*(\\d+)\\s*$");

    static List<Path> fixtures() {
        return Fixtures.yamlFiles("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedCodesAtTheExpectedLines(Path fixture) throws IOException {
        List<String> expected = expectations(fixture);
        assertThat(expected).as("a fixture must declare what it expects").isNotEmpty();

        PipelineConfig config = Fixtures.read(fixture);

        List<String> actual = config.diagnostics().stream()
                .map(diagnostic -> diagnostic.code() + " @ " + diagnostic.line())
                .sorted()
                .toList();
        assertThat(actual)
                .as("diagnostics of %s: %s", fixture.getFileName(), config.diagnostics())
                .containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(config.diagnostics()).allSatisfy(diagnostic -> {
            assertThat(diagnostic.message()).isNotBlank();
            assertThat(diagnostic.column()).isPositive();
        });
    }

    @Test
    void thereAreAtLeastTwentyFiveFixtures() {
        assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void everyCheckHasAFixture() throws IOException {
        Set<String> covered = fixtures().stream()
                .flatMap(fixture -> {
                    try {
                        return expectations(fixture).stream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .map(expectation -> expectation.substring(0, expectation.indexOf(' ')))
                .collect(Collectors.toSet());
        // an unreadable file cannot be a checked-in fixture; PipelineLoaderTest covers it
        Set<DiagnosticCode> needFixtures = EnumSet.allOf(DiagnosticCode.class);
        needFixtures.remove(DiagnosticCode.UNREADABLE_FILE);
        // about plugins, not pipeline files: the agent's PluginLoaderTest covers it
        needFixtures.remove(DiagnosticCode.PLUGIN_FAILED);
        // a file over 5 MB, a line over 256 KB: too large to check in; LoaderLimitsTest makes them
        needFixtures.remove(DiagnosticCode.FILE_TOO_LARGE);
        needFixtures.remove(DiagnosticCode.VALUE_TOO_LONG);

        assertThat(covered)
                .containsAll(needFixtures.stream().map(DiagnosticCode::code).toList());
    }

    @Test
    void codesAreUniqueAndStable() {
        List<String> codes =
                Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Z]{2,4}\\d{3}"));
    }

    private static List<String> expectations(Path fixture) throws IOException {
        return Files.readAllLines(fixture).stream()
                .map(EXPECT::matcher)
                .filter(Matcher::matches)
                .map(match -> match.group(1) + " @ " + match.group(2))
                .toList();
    }
}
