package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path directory;

    private static ServiceDefinition service(
            List<String> runArguments, String home, List<String> writable, int graceSeconds) {
        return new ServiceDefinition(
                "orchestrator",
                "orchestrator",
                List.of(JAVA, "-jar", "/opt/x/orchestrator.jar"),
                runArguments,
                home,
                writable,
                Duration.ofSeconds(graceSeconds),
                "1.2.3");
    }

    private static ServiceDefinition standard() {
        return service(
                List.of("run", "--config", "/etc/orchestrator/pipelines", "--home", "/var/lib/orchestrator"),
                "/var/lib/orchestrator",
                List.of("/srv/exports"),
                10);
    }

    @Test
    void runsTheAgentAsItsOwnUserAndRestartsItAfterAFailure() {
        List<String> unit = SystemdUnit.render(standard()).lines().toList();

        assertThat(unit)
                .contains(
                        "[Service]",
                        "User=orchestrator",
                        "Restart=on-failure",
                        "ExecStart=" + JAVA + " -jar /opt/x/orchestrator.jar run --config /etc/orchestrator/pipelines "
                                + "--home /var/lib/orchestrator",
                        "EnvironmentFile=-/etc/orchestrator/orchestrator.env",
                        "WorkingDirectory=/var/lib/orchestrator",
                        "WantedBy=multi-user.target");
        assertThat(unit.get(0)).contains("orchestrator 1.2.3");
    }

    @Test
    void sandboxesTheAgentSoItWritesOnlyItsHomeAndTheDirectoriesGiven() {
        assertThat(SystemdUnit.render(standard()).lines())
                .contains(
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "ProtectHome=yes",
                        "PrivateTmp=yes",
                        "ReadWritePaths=/var/lib/orchestrator /srv/exports")
                .noneMatch(line -> line.startsWith("MemoryDenyWriteExecute"));
    }

    @Test
    void letsSigtermReachTheAgentAloneAndWaitsForItsShutdown() {
        assertThat(SystemdUnit.render(standard()).lines())
                .contains("KillMode=mixed", "TimeoutStopSec=50", "SuccessExitStatus=143");
        assertThat(SystemdUnit.render(service(List.of("run"), "/var/lib/o", List.of(), 60))
                        .lines())
                .contains("TimeoutStopSec=150");
    }

    @Test
    void makesHomeDirectoriesReadOnlyRatherThanHiddenWhenTheServiceUsesOne() {
        ServiceDefinition fromHome =
                service(List.of("run", "--config", "/home/alice/pipelines"), "/var/lib/o", List.of(), 10);

        assertThat(SystemdUnit.render(fromHome).lines()).contains("ProtectHome=read-only");
    }

    @Test
    void quotesWordsWithSpacesAndEscapesWhatSystemdWouldExpand() {
        String execStart = SystemdUnit.commandLine(
                List.of("/opt/my app/bin/orchestrator", "run", "--config", "/srv/100% \"real\"", "--param", "$HOME"));

        assertThat(execStart)
                .isEqualTo("\"/opt/my app/bin/orchestrator\" run --config \"/srv/100%% \\\"real\\\"\" "
                        + "--param \"$$HOME\"");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void passesSystemdAnalyzeVerifyWithAwkwardPaths() throws Exception {
        Path home = directory.resolve("agent home 100%");
        ServiceDefinition awkward = new ServiceDefinition(
                "orchestrator-test",
                "orchestrator",
                List.of(JAVA),
                List.of("-cp", "/opt/a b/$x.jar", "Main", "run", "--config", "/srv/pipelines \"x\""),
                home.toString(),
                List.of(directory.resolve("exports 'today'").toString()),
                Duration.ofSeconds(5),
                "1.2.3");
        Path unitFile = Files.writeString(directory.resolve("orchestrator-test.service"), SystemdUnit.render(awkward));

        SystemdAnalyze.Verdict verdict = SystemdAnalyze.verify(unitFile);

        assertThat(verdict.output()).as("systemd-analyze verify's objections").isBlank();
        assertThat(verdict.exitCode()).isZero();
    }
}
