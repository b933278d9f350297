package dev.orchestrator.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The .deb, read with dpkg-deb and unpacked into a directory: nothing is installed on the machine. */
@EnabledOnOs(OS.LINUX)
class DebianPackageIT {

    @TempDir
    Path directory;

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(PackagedImage.required("packaged.installers")))) {
            return files.filter(file -> file.toString().endsWith(".deb"))
                    .findFirst()
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
    void isThePackageOrchestratorAtTheVersionWithoutSnapshot() throws Exception {
        String version = PackagedImage.required("packaged.version");

        assertThat(deb().getFileName().toString()).isEqualTo("orchestrator_" + version + "-1_amd64.deb");
        assertThat(dpkgDeb("-f", deb().toString(), "Package", "Version").lines())
                .containsExactly("Package: orchestrator", "Version: " + version + "-1");
        System.out.printf("packaged: %s is %.1f MB%n", deb().getFileName(), Files.size(deb()) / 1e6);
    }

    @Test
    void dependsOnTheLibrariesItsRuntimeLinksRecommendsGtkForTheConsoleAndOnlySuggestsXdgUtils() throws Exception {
        String depends = dpkgDeb("-f", deb().toString(), "Depends");

        // what the README's Installing section lists: keep the two the same
        System.out.println("packaged: " + depends.strip());
        assertThat(depends)
                .contains("libc6", "zlib1g")
                .as("GTK is the console's alone; xdg-utils recommends perl and 40 packages more")
                .doesNotContain("libgtk", "xdg-utils", "perl");
        assertThat(dpkgDeb("-f", deb().toString(), "Recommends").strip()).isEqualTo("libgtk-3-0");
        assertThat(dpkgDeb("-f", deb().toString(), "Suggests").strip()).isEqualTo("xdg-utils");
    }

    @Test
    void installsBothLaunchersIntoOptAndTheCommandOnThePath() throws Exception {
        assertThat(dpkgDeb("-c", deb().toString()))
                .contains(
                        "./opt/orchestrator/bin/orchestrator\n",
                        "./opt/orchestrator/bin/orchestrator-console\n",
                        "./opt/orchestrator/lib/runtime/",
                        "./opt/orchestrator/lib/app/orchestrator.jar\n");
        dpkgDeb("-e", deb().toString(), directory.resolve("control").toString());

        assertThat(directory.resolve("control/postinst"))
                .content()
                .contains(
                        "update-alternatives --install /usr/bin/orchestrator orchestrator \"$launcher\" 50",
                        "--slave /usr/bin/orchestrator-console orchestrator-console \"$console\"",
                        "launcher=/opt/orchestrator/bin/orchestrator");
        assertThat(directory.resolve("control/prerm"))
                .content()
                .contains("update-alternatives --remove orchestrator \"$launcher\"");
    }

    /**
     * The package's scripts run for real, against the package unpacked into a directory that stands for the root
     * ({@code DPKG_ROOT}, which update-alternatives honours), with {@code xdg-desktop-menu} a stand-in that notes what
     * it is asked: nothing outside the test's directory changes.
     */
    @Test
    void itsScriptsPutBothLaunchersOnThePathAndTheConsoleInTheMenuAndTakeThemOffAgain() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/update-alternatives")),
                "update-alternatives (Debian's dpkg) is missing here: the .deb's scripts were not run");
        Path root = Files.createDirectories(directory.resolve("root"));
        dpkgDeb("-x", deb().toString(), root.toString());
        dpkgDeb("-e", deb().toString(), directory.resolve("control").toString());
        for (String dir : List.of("usr/bin", "etc/alternatives", "var/lib/dpkg/alternatives")) {
            Files.createDirectories(root.resolve(dir));
        }
        Path menu = Files.createDirectories(directory.resolve("menu"));
        Path tools = Files.createDirectories(directory.resolve("tools"));
        Path xdgDesktopMenu = Files.writeString(tools.resolve("xdg-desktop-menu"), """
                #!/bin/sh
                echo "$*" >> "%s/calls"
                if [ "$1" = install ]; then cp "$2" "%s/"; fi
                """.formatted(menu, menu));
        xdgDesktopMenu.toFile().setExecutable(true);

        maintainerScript(root, tools, "postinst", "configure");

        assertThat(resolveUnder(root, root.resolve("usr/bin/orchestrator")))
                .isEqualTo(root.resolve("opt/orchestrator/bin/orchestrator"))
                .isExecutable();
        assertThat(resolveUnder(root, root.resolve("usr/bin/orchestrator-console")))
                .isEqualTo(root.resolve("opt/orchestrator/bin/orchestrator-console"))
                .isExecutable();
        assertThat(menu.resolve("orchestrator-orchestrator-console.desktop"))
                .content()
                .contains(
                        "Exec=/opt/orchestrator/bin/orchestrator-console",
                        "Name=Orchestrator console",
                        "Icon=/opt/orchestrator/lib/orchestrator-console.png");
        assertThat(root.resolve("opt/orchestrator/lib/orchestrator-console.png"))
                .isRegularFile();

        maintainerScript(root, tools, "prerm", "remove");

        assertThat(root.resolve("usr/bin/orchestrator")).doesNotExist();
        assertThat(root.resolve("usr/bin/orchestrator-console")).doesNotExist();
        assertThat(Files.readAllLines(menu.resolve("calls")))
                .satisfiesExactly(
                        call -> assertThat(call).matches("install /\\S+/orchestrator-orchestrator-console\\.desktop"),
                        call -> assertThat(call).isEqualTo("uninstall orchestrator-orchestrator-console.desktop"));
    }

    /** Runs a maintainer script of the package as dpkg would, with {@code root} standing for {@code /}. */
    private void maintainerScript(Path root, Path tools, String script, String argument) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "/bin/sh",
                        "-e",
                        directory.resolve("control").resolve(script).toString(),
                        argument)
                .redirectErrorStream(true);
        builder.environment().put("DPKG_ROOT", root.toString());
        builder.environment().put("PATH", tools + ":/usr/sbin:/usr/bin:/sbin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as(script + " " + argument + ":\n" + output)
                .isZero();
    }

    /** Follows symbolic links as the system would if {@code root} were {@code /}. */
    private static Path resolveUnder(Path root, Path link) throws IOException {
        Path path = link;
        for (int hops = 0; Files.isSymbolicLink(path) && hops < 10; hops++) {
            Path target = Files.readSymbolicLink(path);
            path = target.isAbsolute() ? root.resolve(root.getRoot().relativize(target)) : path.resolveSibling(target);
        }
        return path;
    }

    @Test
    void itsOrchestratorCommandRunsFromTheUnpackedFiles() throws Exception {
        dpkgDeb("-x", deb().toString(), directory.toString());
        Path launcher = directory.resolve("opt/orchestrator/bin/orchestrator");

        Process process = new ProcessBuilder(launcher.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).startsWith("orchestrator ");
    }

    @Test
    void itsInstallStepMakesAClassArchiveThatTheOrchestratorLauncherUses() throws Exception {
        dpkgDeb("-e", deb().toString(), directory.resolve("control").toString());
        assertThat(directory.resolve("control/postinst"))
                .content()
                .contains("sh /opt/orchestrator/lib/app/make-class-archive || true");
        dpkgDeb("-x", deb().toString(), directory.toString());
        Path app = directory.resolve("opt/orchestrator/lib/app");
        assertThat(app.resolve("orchestrator.jsa"))
                .as("shipped: Java 17 refuses an archive of a moved jar")
                .doesNotExist();

        Process making = new ProcessBuilder(
                        "sh", app.resolve("make-class-archive").toString())
                .redirectErrorStream(true)
                .start();
        String made = new String(making.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(making.waitFor()).as(made).isZero();
        assertThat(app.resolve("orchestrator.jsa")).as(made).isNotEmptyFile();

        ProcessBuilder version = new ProcessBuilder(
                        directory.resolve("opt/orchestrator/bin/orchestrator").toString(), "--version")
                .redirectErrorStream(true);
        version.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:cds=info");
        Process process = version.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output)
                .contains("Opened archive " + app.resolve("orchestrator.jsa"))
                .doesNotContain("mismatch")
                .contains("orchestrator ");
    }
}
