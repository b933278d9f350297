package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrator.testsupport.IntegrationTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the plugin compiler's JVM finds its class-data-sharing archive, and that the build's archive fits. */
class CompilerArchiveTest {

    @TempDir
    Path directory;

    @Test
    void theArchiveBesideTheOneJarOfTheClassPathIsUsed() throws Exception {
        Path jar = Files.createFile(directory.resolve("orchestrator.jar"));
        Path archive = Files.createFile(directory.resolve("orchestrator-compiler.jsa"));

        Optional<Path> found = CompilerArchive.forClassPath(jar.toString());

        assertThat(found).contains(archive);
        assertThat(CompilerArchive.options(found)).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
    }

    @Test
    void withoutAnArchiveOrWithoutOneJarTheCompilerStartsWithoutOne() throws Exception {
        Path jar = Files.createFile(directory.resolve("orchestrator.jar"));
        Path classes = Files.createDirectories(directory.resolve("classes"));

        assertThat(CompilerArchive.forClassPath(jar.toString())).isEmpty();
        Files.createFile(directory.resolve("orchestrator-compiler.jsa"));
        assertThat(CompilerArchive.forClassPath(classes.toString())).isEmpty();
        assertThat(CompilerArchive.forClassPath(jar + File.pathSeparator + classes))
                .isEmpty();
        assertThat(CompilerArchive.options(Optional.empty())).isEmpty();
    }

    /** The archive agent/pom.xml makes in {@code package}: the compiler's JVM maps it ({@code -Xshare:on} fails if not). */
    @IntegrationTest
    @Test
    void theBuildsArchiveFitsTheJarAndCompilesAPlugin() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path jar = target.resolve("orchestrator.jar");
        Path archive = target.resolve("orchestrator-compiler.jsa");
        assumeTrue(
                Files.isRegularFile(jar) && Files.isRegularFile(archive),
                "target/orchestrator-compiler.jsa is made by package, after the tests; run this again after a build");
        Path source = Files.writeString(directory.resolve("Hello.java"), """
                @dev.orchestrator.connector.Connector("hello")
                public class Hello {
                    public String greet(String name) { return "hello " + name; }
                }
                """);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-Xlog:class+load=info",
                "-cp",
                jar.toString(),
                PluginCompilerMain.class.getName(),
                source.toString(),
                source.toString(),
                directory.resolve("result").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(directory.resolve("result")).isNotEmptyFile();
        // the compiler's classes come from the archive, not from the runtime's modules one by one
        assertThat(printed).contains("com.sun.tools.javac.main.JavaCompiler source: shared objects file");
    }
}
