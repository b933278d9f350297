package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's compiler in a child JVM: what it answers, and what a runtime without it says. */
class CompilerProcessTest {

    @TempDir
    Path directory;

    @Test
    void aCompileErrorComesBackWithItsLineAndTheCompilersMessage() throws Exception {
        Path source = Files.writeString(directory.resolve("Broken.java"), """
                @dev.orchestrator.connector.Connector("broken")
                public class Broken {
                    public String run() { return 42 }
                }
                """);

        CompilerProcess.Outcome outcome = new CompilerProcess().compile(source, Files.readAllBytes(source));

        assertThat(outcome.classes()).isEmpty();
        assertThat(outcome.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(source.toString());
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).isEqualTo("does not compile: ';' expected");
        });
    }

    @Test
    void theBytesGivenAreCompiledRatherThanTheFileAndEachOfItsClassesComesBack() throws Exception {
        Path source = Files.writeString(directory.resolve("Demo.java"), "not what is compiled");
        byte[] content = """
                @dev.orchestrator.connector.Connector("demo")
                public class Demo {
                    public static class Inner {}
                }
                """.getBytes(StandardCharsets.UTF_8);

        CompilerProcess.Outcome outcome = new CompilerProcess().compile(source, content);

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.classes()).containsOnlyKeys("Demo", "Demo$Inner");
        assertThat(outcome.classes().get("Demo")).startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE);
    }

    @Test
    void aRuntimeWithoutTheCompilerSaysWhatToInstallInsteadOfFailing() throws Exception {
        Path source = Files.writeString(directory.resolve("Demo.java"), "public class Demo {}");
        Path runtime = Path.of(System.getProperty("java.home"));

        // a runtime none of whose modules is the compiler, as a JRE's
        CompilerProcess.Outcome outcome =
                new CompilerProcess(ModuleFinder.of(), runtime).compile(source, Files.readAllBytes(source));

        assertThat(outcome.classes()).isEmpty();
        assertThat(outcome.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("PLG001");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message())
                    .contains(
                            "has no compiler",
                            "jdk.compiler",
                            "JDK 17",
                            "openjdk-17-jdk",
                            "package the plugin as a JAR");
        });
    }
}
