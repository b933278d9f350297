package dev.orchestrator.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.Ceilings;
import dev.orchestrator.testsupport.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-file plugin is compiled in a child JVM: the JVM that loads the plugin (an agent, {@code orchestrator
 * validate}) never loads the JDK's compiler, whose classes and code would stay in its memory for good (issue 23).
 * Seen from outside, as the JVM's own class-loading log.
 */
@IntegrationTest
class CompilerOutOfProcessTest {

    @TempDir
    Path directory;

    @Test
    void compilingASingleFilePluginLoadsNoCompilerClassIntoTheJvmThatLoadsThePlugin() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("connectors"));
        Files.writeString(plugins.resolve("Demo.java"), """
                @dev.orchestrator.connector.Connector("demo")
                public class Demo {
                    public String greet(String name) { return "hello " + name; }
                }
                """);
        Path output = directory.resolve("output.txt");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadPluginsOnce.class.getName(),
                        plugins.toString(),
                        directory.resolve("cache").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = process.waitFor(Ceilings.STEP.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }

        assertThat(ended).as("the loading JVM ended").isTrue();
        List<String> lines = Files.readAllLines(output);
        assertThat(process.exitValue())
                .as(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                .isZero();
        assertThat(lines).contains("connectors: [demo]");
        // the log is on, and names the classes the loading JVM loaded
        assertThat(lines).anyMatch(line -> line.contains("[class,load] " + PluginLoader.class.getName() + " "));
        List<String> compilerClasses = lines.stream()
                .filter(line -> line.contains("[class,load] com.sun.tools.javac."))
                .toList();
        assertThat(compilerClasses.size())
                .as(
                        "classes of the compiler loaded by the JVM that loads the plugin, the first: %s",
                        compilerClasses.stream().limit(5).toList())
                .isZero();
    }
}
