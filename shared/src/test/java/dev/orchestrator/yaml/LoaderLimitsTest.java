package dev.orchestrator.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.orchestrator.diagnostic.Diagnostic;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's work per file is bounded: a file of a few hundred bytes whose aliases expand to billions of values,
 * a file of 50 MB and a value of megabytes are each answered at once with a diagnostic, not after minutes or
 * gigabytes.
 */
class LoaderLimitsTest {

    /** "Billion laughs": nine lists of nine aliases of the list before, 9^9 strings once expanded. */
    static final String ALIAS_BOMB = """
            pipelines:
              - id: bomb
                tasks:
                  - id: t
                    connector: shell
                    action: run
                    action_kwargs:
                      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    private static final long MEGABYTE = 1024 * 1024;

    @TempDir
    Path dir;

    private static PipelineLoader loader() {
        return new PipelineLoader(EnvironmentLookup.of(Map.of()));
    }

    /** Runs it within a time limit, and returns what it answered and the bytes this thread allocated meanwhile. */
    private static <T> Measured<T> measured(Duration limit, Supplier<T> work) {
        return assertTimeoutPreemptively(limit, () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            T result = work.get();
            return new Measured<>(result, threads.getCurrentThreadAllocatedBytes() - before);
        });
    }

    private record Measured<T>(T result, long allocatedBytes) {}

    private static List<Diagnostic> diagnostics(LoadResult result) {
        return result.files().stream()
                .flatMap(file -> file.diagnostics().stream())
                .toList();
    }

    @Test
    void anAliasBombIsReportedWhereItGrowsWithoutBeingExpanded() {
        assertThat(ALIAS_BOMB.length()).isLessThan(700);

        Measured<LoadResult> loaded =
                measured(Duration.ofSeconds(20), () -> loader().loadText("bomb.yaml", ALIAS_BOMB, dir));

        assertThat(diagnostics(loaded.result())).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("YAML003");
            assertThat(diagnostic.line())
                    .as("the first list over the budget, f")
                    .isEqualTo(13);
            assertThat(diagnostic.column()).isPositive();
            assertThat(diagnostic.message()).contains("597,871 values").contains("at most 250,000");
            assertThat(diagnostic.hint()).contains("aliases");
        });
        assertThat(loaded.result().files().get(0).pipelines()).isEmpty();
        assertThat(loaded.allocatedBytes()).isLessThan(100 * MEGABYTE);
    }

    @Test
    void aListThatContainsAnAliasOfItselfIsReportedInsteadOfOverflowingTheStack() {
        List<Diagnostic> found = diagnostics(loader().loadText("loop.yaml", """
                pipelines:
                  - id: loop
                    tasks:
                      - id: t
                        connector: shell
                        action: run
                        action_kwargs:
                          items: &items [1, *items]
                """, dir));

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("YAML003");
            assertThat(diagnostic.line()).isEqualTo(8);
            assertThat(diagnostic.message()).contains("contains an alias of itself");
        });
    }

    @Test
    void moreAliasesOfCollectionsThanSnakeYamlAllowsGetTheSameCode() {
        StringBuilder yaml = new StringBuilder("x-defaults: &d { a: 1 }\nx-many: [");
        for (int i = 0; i < 150; i++) {
            yaml.append(i == 0 ? "" : ",").append("*d");
        }
        yaml.append("]\npipelines:\n  - id: p\n    tasks:\n      - { id: t, connector: shell, action: run }\n");

        assertThat(diagnostics(loader().loadText("many.yaml", yaml.toString(), dir)))
                .extracting(Diagnostic::code)
                .containsExactly("YAML003");
    }

    @Test
    void aFiftyMegabyteFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(
                file,
                "pipelines:\n  - id: huge\n    description: \"" + "x".repeat(50 * 1024 * 1024)
                        + "\"\n    tasks:\n      - { id: t, connector: shell, action: run }\n");

        Measured<LoadResult> loaded = measured(Duration.ofSeconds(5), () -> loader().loadFile(file));

        assertThat(diagnostics(loaded.result())).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("FILE006");
            assertThat(diagnostic.line()).isEqualTo(1);
            assertThat(diagnostic.column()).isEqualTo(1);
            assertThat(diagnostic.message()).contains("50.0 MB").contains("at most 5 MB");
            assertThat(diagnostic.hint()).contains("split it");
        });
        assertThat(loaded.allocatedBytes()).isLessThan(10 * MEGABYTE);
    }

    @Test
    void theSizeOfAFileOverTheLimitIsItsRealSizeRoundedToOneDecimal() throws IOException {
        String head = "pipelines:\n  - id: big\n    description: \"";
        String text = head + "x".repeat(11 * 512 * 1024 - head.length() - 2) + "\"\n";
        assertThat(text.length()).isEqualTo(11 * 512 * 1024); // 5.5 MB
        Path file = dir.resolve("big.yaml");
        // 5.26 MB: 5.3 when rounded, 5.2 when cut
        Files.writeString(file, "#" + "y".repeat((int) Math.round(5.26 * 1024 * 1024) - 2) + "\n");

        assertThat(diagnostics(loader().loadText("big.yaml", text, dir)))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message())
                        .startsWith("big.yaml is 5.5 MB; a pipeline file is at most 5 MB"));
        assertThat(diagnostics(loader().loadFile(file)))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message()).contains("is 5.3 MB; a pipeline file"));
        // just over the limit: "5.0 MB" would read as within it
        assertThat(diagnostics(loader().loadText("edge.yaml", "#" + "z".repeat(5 * 1024 * 1024), dir)))
                .singleElement()
                .satisfies(diagnostic -> assertThat(diagnostic.message())
                        .startsWith("edge.yaml is 5,242,881 bytes; a pipeline file is at most 5 MB"));
    }

    @Test
    void fiftyMegabytesOfTextAreRefusedBeforeParsing() {
        String text = "pipelines:\n  - id: huge\n    description: \"" + "x".repeat(50 * 1024 * 1024) + "\"\n";

        Measured<LoadResult> loaded = measured(Duration.ofSeconds(5), () -> loader().loadText("huge.yaml", text, dir));

        assertThat(diagnostics(loaded.result())).extracting(Diagnostic::code).containsExactly("FILE006");
    }

    @Test
    void aLongLineIsRefusedBeforeTheScannerSpendsSecondsOnIt() {
        String text = "pipelines:\n  - id: long\n    description: " + "x".repeat(4 * 1024 * 1024) + "\n"
                + "    tasks:\n      - { id: t, connector: shell, action: run }\n";

        Measured<LoadResult> loaded = measured(Duration.ofSeconds(5), () -> loader().loadText("long.yaml", text, dir));

        assertThat(diagnostics(loaded.result())).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("YAML004");
            assertThat(diagnostic.line()).isEqualTo(3);
            assertThat(diagnostic.message()).contains("line 3 is 4.0 MB long").contains("256 KB");
            assertThat(diagnostic.hint()).contains("block scalar");
        });
    }

    @Test
    void aValueOverOneMegabyteIsReportedAtTheValue() {
        String block = ("y".repeat(99) + "\n      ").repeat(11 * 1024);
        String text = "pipelines:\n  - id: long\n    description: |\n      " + block
                + "\n    tasks:\n      - { id: t, connector: shell, action: run }\n";

        List<Diagnostic> found =
                diagnostics(measured(Duration.ofSeconds(10), () -> loader().loadText("long.yaml", text, dir))
                        .result());

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.code()).isEqualTo("YAML004");
            assertThat(diagnostic.line()).isEqualTo(3);
            assertThat(diagnostic.message()).contains("1.1 MB").contains("at most 1 MB");
        });
    }

    @Test
    void aValueJustUnderTheLimitsStillLoads() {
        String block = ("z".repeat(99) + "\n      ").repeat(10 * 1024);
        String text = "pipelines:\n  - id: large\n    description: |\n      " + block
                + "\n    tasks:\n      - { id: t, connector: shell, action: run }\n";

        LoadResult loaded = loader().loadText("large.yaml", text, dir);

        assertThat(diagnostics(loaded)).isEmpty();
        assertThat(loaded.files().get(0).pipelines().get(0).description()).hasSizeGreaterThan(1_000_000);
    }
}
