package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchCommandTest {

    @TempDir
    Path directory;

    @Test
    void aJarBesideItsClassArchiveRunsWithTheArchiveAndTheAgentsMemoryOptions() throws IOException {
        Path jar = Files.createFile(directory.resolve("orchestrator.jar"));
        Path archive = Files.createFile(directory.resolve("orchestrator.jsa"));

        LaunchCommand launch = LaunchCommand.ofJar("/usr/bin/java", jar);

        List<String> expected = new ArrayList<>(List.of("/usr/bin/java"));
        expected.addAll(LaunchCommand.AGENT_JVM_OPTIONS);
        expected.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", jar.toString()));
        assertThat(launch.command()).containsExactlyElementsOf(expected);
        assertThat(launch.location()).isEqualTo(jar);
    }

    @Test
    void aJarWithoutAClassArchiveRunsWithoutOne() throws IOException {
        Path jar = Files.createFile(directory.resolve("orchestrator.jar"));

        assertThat(LaunchCommand.ofJar("/usr/bin/java", jar).command())
                .containsAll(LaunchCommand.AGENT_JVM_OPTIONS)
                .noneMatch(word -> word.startsWith("-XX:SharedArchiveFile"))
                .endsWith("-jar", jar.toString());
    }

    @Test
    void theInstalledLauncherRunsWithTheSameMemoryOptions() throws IOException {
        // the installer module's launcher definition; tests run in agent/
        Properties launcher = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("..", "installer", "src", "main", "jpackage", "orchestrator.properties"))) {
            launcher.load(in);
        }

        assertThat(List.of(launcher.getProperty("java-options").split(" ")))
                .containsAll(LaunchCommand.AGENT_JVM_OPTIONS);
    }

    @Test
    void fromABuildsClassesAServiceRunsTheCommandsMainClass() {
        assertThat(LaunchCommand.MAIN_CLASS).isEqualTo(Main.class.getName());
        assertThat(LaunchCommand.current().command()).contains(Main.class.getName());
    }
}
