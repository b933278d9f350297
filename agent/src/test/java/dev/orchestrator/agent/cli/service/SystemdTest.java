package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdTest {

    @TempDir
    Path unitDirectory;

    private final ServiceDefinition service = new ServiceDefinition(
            "etl",
            "etl",
            List.of("/opt/orchestrator/bin/orchestrator"),
            List.of("run", "--config", "/srv/pipelines", "--home", "/var/lib/etl"),
            "/var/lib/etl",
            List.of(),
            Duration.ofSeconds(10),
            "1.2.3");

    private static List<String> described(Plan plan) {
        return plan.steps().stream().map(Plan.Step::describe).map(String::strip).toList();
    }

    @Test
    void createsTheUserAndHomeThenWritesTheUnitAndStartsIt() {
        Plan plan = new Systemd(unitDirectory).install(service);

        assertThat(described(plan))
                .startsWith(
                        "id -u etl >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/etl --no-create-home "
                                + "--shell /usr/sbin/nologin etl",
                        "install -d -m 0750 /var/lib/etl",
                        "chown etl: /var/lib/etl",
                        "write " + unitDirectory.resolve("etl.service") + " (the text above)",
                        "systemctl daemon-reload",
                        "systemctl enable --now etl.service");
        assertThat(plan.steps())
                .filteredOn(Plan.WriteFile.class::isInstance)
                .singleElement()
                .satisfies(
                        step -> assertThat(((Plan.WriteFile) step).content()).isEqualTo(SystemdUnit.render(service)));
    }

    @Test
    void installedAgainItRestartsTheServiceSoTheNewUnitApplies() throws Exception {
        Files.writeString(unitDirectory.resolve("etl.service"), "[Service]\n");

        assertThat(described(new Systemd(unitDirectory).install(service)))
                .contains("systemctl enable etl.service", "systemctl restart etl.service")
                .doesNotContain("systemctl enable --now etl.service");
    }

    @Test
    void uninstallStopsDisablesAndRemovesTheUnit() {
        assertThat(described(new Systemd(unitDirectory).uninstall("etl")))
                .startsWith(
                        "systemctl disable --now etl.service",
                        "rm -f " + unitDirectory.resolve("etl.service"),
                        "systemctl daemon-reload");
    }
}
