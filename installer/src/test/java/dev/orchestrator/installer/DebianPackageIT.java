package dev.orchestrator.installer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The .deb, read with dpkg-deb and unpacked into a directory: nothing is installed on the machine. */
@EnabledOnOs(OS.LINUX)
class DebianPackageIT {

    @TempDir
    Path directory;

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(PackagedImage.required("packaged.installers")))) {
            return files.filter(file -> file.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("the packaging build made no .deb"));
        }
    }

    private static String dpkgDeb(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dpkg-deb"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ":\n" + output).isZero();
        return output;
    }

    @Test
    void isThePackageOrchestratorAtTheVersionWithoutSnapshotAndNeedsGtk() throws Exception {
        String version = PackagedImage.required("packaged.version");

        assertThat(deb().getFileName().toString()).isEqualTo("orchestrator_" + version + "-1_amd64.deb");
        assertThat(dpkgDeb("-f", deb().toString(), "Package", "Version").lines())
                .containsExactly("Package: orchestrator", "Version: " + version + "-1");
        assertThat(dpkgDeb("-f", deb().toString(), "Depends")).contains("libgtk-3-0");
        System.out.printf("packaged: %s is %.1f MB%n", deb().getFileName(), Files.size(deb()) / 1e6);
    }

    @Test
    void installsBothLaunchersIntoOptAndTheCommandOnThePath() throws Exception {
        assertThat(dpkgDeb("-c", deb().toString()))
                .contains("./opt/orchestrator/bin/orchestrator\n", "./opt/orchestrator/bin/orchestrator-console\n",
                        "./opt/orchestrator/lib/runtime/", "./opt/orchestrator/lib/app/orchestrator.jar\n");
        dpkgDeb("-e", deb().toString(), directory.resolve("control").toString());

        assertThat(directory.resolve("control/postinst")).content().contains(
                "update-alternatives --install /usr/bin/orchestrator orchestrator \"$launcher\" 50",
                "launcher=/opt/orchestrator/bin/orchestrator");
        assertThat(directory.resolve("control/prerm")).content()
                .contains("update-alternatives --remove orchestrator \"$launcher\"");
    }

    @Test
    void itsOrchestratorCommandRunsFromTheUnpackedFiles() throws Exception {
        dpkgDeb("-x", deb().toString(), directory.toString());
        Path launcher = directory.resolve("opt/orchestrator/bin/orchestrator");

        Process process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).startsWith("orchestrator ");
    }

    @Test
    void itsInstallStepMakesAClassArchiveThatTheOrchestratorLauncherUses() throws Exception {
        dpkgDeb("-e", deb().toString(), directory.resolve("control").toString());
        assertThat(directory.resolve("control/postinst")).content()
                .contains("sh /opt/orchestrator/lib/app/make-class-archive || true");
        dpkgDeb("-x", deb().toString(), directory.toString());
        Path app = directory.resolve("opt/orchestrator/lib/app");
        assertThat(app.resolve("orchestrator.jsa")).as("shipped: Java 17 refuses an archive of a moved jar")
                .doesNotExist();

        Process making = new ProcessBuilder("sh", app.resolve("make-class-archive").toString())
                .redirectErrorStream(true).start();
        String made = new String(making.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(making.waitFor()).as(made).isZero();
        assertThat(app.resolve("orchestrator.jsa")).as(made).isNotEmptyFile();

        ProcessBuilder version = new ProcessBuilder(directory.resolve("opt/orchestrator/bin/orchestrator").toString(),
                "--version").redirectErrorStream(true);
        version.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:cds=info");
        Process process = version.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("Opened archive " + app.resolve("orchestrator.jsa"))
                .doesNotContain("mismatch").contains("orchestrator ");
    }
}
