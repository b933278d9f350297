package dev.orchestrator.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.orchestrator.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's class-data-sharing archive (desktop/pom.xml, after the shaded jar in {@code package}) and the
 * checkout's {@code orchestrator-console} launcher that uses it. Failsafe runs after {@code package}: the archive is
 * there unless the build was told to skip it.
 */
@IntegrationTest
class ConsoleClassArchiveTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path JAR = ROOT.resolve("desktop/target/orchestrator-console.jar");
    private static final Path ARCHIVE = ROOT.resolve("desktop/target/orchestrator-console.jsa");

    @Test
    void the_archive_fits_the_shaded_jar_and_holds_what_the_first_window_needs() throws Exception {
        assumeFalse(Boolean.getBoolean("orchestrator.class-archive.skip"), "the build skipped the archive");

        String printed = run(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + ARCHIVE,
                "-XX:+PrintSharedArchiveAndExit",
                "-cp",
                JAR.toString()));

        assertThat(printed)
                .contains("archive is valid")
                .contains("dev.orchestrator.desktop.shell.MainWindow")
                .contains("dev.orchestrator.desktop.dashboard.DashboardView")
                .contains("javafx.scene.control.TableView")
                .doesNotContain("com.sun.glass.ui.monocle") // a test dependency, not in the console's jar
                .doesNotContain("javafx.scene.web.WebView"); // not loaded before the first window
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void the_launcher_starts_the_jar_with_its_archive(@TempDir Path javaHome) throws Exception {
        assumeFalse(Boolean.getBoolean("orchestrator.class-archive.skip"), "the build skipped the archive");
        // a java that prints what it was given, in place of starting a window
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder =
                new ProcessBuilder("bash", ROOT.resolve("orchestrator-console").toString(), "--x", "y z");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        String printed = run(builder);

        assertThat(printed.lines())
                .containsExactly(
                        "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:auto", "-jar", JAR.toString(), "--x", "y z");
    }

    private static String run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command));
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }
}
