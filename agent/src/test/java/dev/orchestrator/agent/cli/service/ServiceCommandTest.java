package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code orchestrator service ...} as users type it, through the whole command tree. */
class ServiceCommandTest {

    @TempDir
    Path directory;

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theUnitStartsTheAgentWithAHeapBoundSuitedToALaptopThatGivesMemoryBack() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));

        Result result = run(
                "service",
                "install",
                "--dry-run",
                "--platform",
                "linux",
                "--config",
                config.toString(),
                "--home",
                directory.resolve("home").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(line -> line.startsWith("ExecStart=")))
                .singleElement()
                .satisfies(execStart -> assertThat(execStart)
                        .contains(" -XX:+UseSerialGC -Xms16m -Xmx512m -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 "
                                + "-XX:MaxHeapFreeRatio=10 -XX:+IgnoreUnrecognizedVMOptions "
                                + "-XX:TrimNativeHeapInterval=5000 "));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void dryRunPrintsAUnitThatSystemdAnalyzeVerifyAccepts() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path home = directory.resolve("home");
        Path exports = Files.createDirectories(directory.resolve("exports"));

        Result result = run(
                "service",
                "install",
                "--dry-run",
                "--platform",
                "linux",
                "--config",
                config.toString(),
                "--home",
                home.toString(),
                "--writable",
                exports.toString(),
                "--grace-seconds",
                "20",
                "--",
                "--port",
                "9000");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .contains(
                        "User=orchestrator",
                        "Restart=on-failure",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "TimeoutStopSec=70",
                        "ReadWritePaths=" + home + " " + exports,
                        "#   systemctl daemon-reload",
                        "#   systemctl enable --now orchestrator.service");
        assertThat(result.out())
                .contains(
                        " run --config " + config + " --home " + home + " --grace-seconds 20 --port 9000\n",
                        "|| useradd --system");
        // the whole output, commands included (as comments), is the unit file
        Path unitFile = Files.writeString(directory.resolve("orchestrator.service"), result.out());
        SystemdAnalyze.Verdict verdict = SystemdAnalyze.verify(unitFile);
        assertThat(verdict.output()).as("systemd-analyze verify's objections").isBlank();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void dryRunForWindowsPrintsTheWinswDefinitionAndHowToInstallIt() throws Exception {
        Result result = run(
                "service",
                "install",
                "--dry-run",
                "--platform",
                "windows",
                "--config",
                "D:\\pipelines",
                "--name",
                "etl");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Document definition = WinswDefinitionTest.parse(result.out());
        assertThat(definition.getElementsByTagName("id").item(0).getTextContent())
                .isEqualTo("etl");
        assertThat(definition.getElementsByTagName("executable").item(0).getTextContent())
                .isEqualTo(Platform.WINDOWS.installedLauncher());
        assertThat(definition.getElementsByTagName("arguments").item(0).getTextContent())
                .isEqualTo("run --config D:\\pipelines --home C:\\ProgramData\\Orchestrator\\etl --grace-seconds 10");
        assertThat(result.out()).contains("C:\\Program Files\\orchestrator-console\\etl-service.exe install");
    }

    @Test
    void uninstallDryRunSaysWhatItWouldDoAndWhatStays() {
        Result result = run("service", "uninstall", "--dry-run", "--name", "etl");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines())
                .contains(
                        "#   systemctl disable --now etl.service",
                        "#   rm -f /etc/systemd/system/etl.service",
                        "#   systemctl daemon-reload");
        assertThat(result.out()).contains("Kept: the service's user, its agent home");
    }

    @Test
    void installsForAnotherSystemOnlyAsADryRun() {
        Result result = run("service", "install", "--platform", "windows");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("add --dry-run");
    }

    @Test
    void refusesANameNoServiceManagerAccepts() {
        Result result = run("service", "install", "--dry-run", "--name", "my agent");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--name 'my agent' is not a service name");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void statusSaysWhenNothingIsInstalled() {
        String name = "orchestrator-test-" + UUID.randomUUID();

        Result result = run("service", "status", "--name", name);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(name + ": not installed");
    }

    @Test
    void withoutASubcommandItSaysWhichThereAre() {
        Result result = run("service");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("install, uninstall or status");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void refusesAJarUnderTmpWhichTheServiceDoesNotSee() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path tmp = Files.createTempDirectory(Path.of("/tmp"), "orchestrator-service-test");
        try {
            Path jar = Files.writeString(tmp.resolve("orchestrator.jar"), "a jar");

            Result install = run(
                    "service",
                    "install",
                    "--launcher",
                    jar.toString(),
                    "--config",
                    config.toString(),
                    "--home",
                    directory.resolve("home").toString());
            Result dryRun = run(
                    "service",
                    "install",
                    "--dry-run",
                    "--platform",
                    "linux",
                    "--launcher",
                    jar.toString(),
                    "--config",
                    config.toString(),
                    "--home",
                    directory.resolve("home").toString());

            assertThat(install.exitCode()).isEqualTo(2);
            assertThat(install.err())
                    .contains(
                            "the program " + jar + " is under /tmp, which the service does not "
                                    + "see (its unit has PrivateTmp=yes",
                            "nothing was installed")
                    .doesNotContain("systemd does not run");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.err()).contains("warning: the program " + jar + " is under /tmp");
        } finally {
            try (var paths = Files.walk(tmp)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void refusesAJarInAHomeTheServiceUserCannotRead() throws Exception {
        // as /home/alice is: its parents open to all, itself to its owner only
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path home = Files.createDirectories(directory.resolve("alice"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path jar = Files.writeString(home.resolve("orchestrator.jar"), "a jar");

        Result result = run(
                "service",
                "install",
                "--launcher",
                jar.toString(),
                "--config",
                config.toString(),
                "--home",
                directory.resolve("agent-home").toString(),
                "--user",
                "orchestrator-test-nobody");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(
                        "the program " + jar + " cannot be read by the service's user " + "'orchestrator-test-nobody': "
                                + home + " is rwx------",
                        "chmod o+rx " + home)
                .doesNotContain("systemd does not run");
    }
}
