package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.service.Plan.DeleteFile;
import dev.orchestrator.agent.cli.service.Plan.Note;
import dev.orchestrator.agent.cli.service.Plan.Run;
import dev.orchestrator.agent.cli.service.Plan.Step;
import dev.orchestrator.agent.cli.service.Plan.WriteFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agent as a systemd service: the plans that install and remove it, and what is installed. */
final class Systemd {

    static final Path UNIT_DIRECTORY = Path.of("/etc/systemd/system");
    /** Exists only while systemd runs the machine (what {@code sd_booted()} checks). */
    private static final Path RUNNING_MARKER = Path.of("/run/systemd/system");

    private final Path unitDirectory;

    Systemd(Path unitDirectory) {
        this.unitDirectory = unitDirectory;
    }

    Path unitFile(String name) {
        return unitDirectory.resolve(SystemdUnit.fileName(name));
    }

    /**
     * Creates the user (unless it exists) and the agent home, writes the unit, and starts the service now and at
     * every boot; installed again over itself, it restarts the service so that the new unit applies.
     */
    Plan install(ServiceDefinition service) {
        String unit = SystemdUnit.fileName(service.name());
        List<Step> steps = new ArrayList<>();
        steps.add(new Run(
                List.of(
                        "useradd",
                        "--system",
                        "--user-group",
                        "--home-dir",
                        service.home(),
                        "--no-create-home",
                        "--shell",
                        "/usr/sbin/nologin",
                        service.user()),
                List.of("id", "-u", service.user())));
        steps.add(new Run("install", "-d", "-m", "0750", service.home()));
        steps.add(new Run("chown", service.user() + ":", service.home()));
        steps.add(new WriteFile(unitFile(service.name()).toString(), SystemdUnit.render(service)));
        steps.add(new Run("systemctl", "daemon-reload"));
        if (Files.exists(unitFile(service.name()))) {
            steps.add(new Run("systemctl", "enable", unit));
            steps.add(new Run("systemctl", "restart", unit));
        } else {
            steps.add(new Run("systemctl", "enable", "--now", unit));
        }
        steps.add(new Note("Secrets for the pipelines' ${VAR}: NAME=value lines in "
                + SystemdUnit.environmentFile(service.name()) + " (chmod 600), then: systemctl restart " + unit));
        steps.add(new Note("Its state: orchestrator service status --name " + service.name()
                + "; its log: journalctl -u " + unit + ", and " + service.home() + "/logs/agent.log"));
        steps.add(new Note("Commands for this agent: sudo orchestrator list --home " + service.home()));
        return new Plan(steps);
    }

    /** Stops and disables the service and removes its unit; its user, home and environment file stay. */
    Plan uninstall(String name) {
        String unit = SystemdUnit.fileName(name);
        return new Plan(List.of(
                new Run("systemctl", "disable", "--now", unit),
                new DeleteFile(unitFile(name).toString()),
                new Run("systemctl", "daemon-reload"),
                new Note("Kept: the service's user, its agent home (run history, logs, token) and "
                        + SystemdUnit.environmentFile(name) + "; remove them yourself if nothing needs them: "
                        + "userdel USER; rm -r HOME")));
    }

    /** @throws ServiceChangeFailedException when this machine cannot take a systemd unit from this process */
    void checkCanInstall() {
        if (!Files.isDirectory(RUNNING_MARKER)) {
            throw new ServiceChangeFailedException("systemd does not run this machine (there is no " + RUNNING_MARKER
                    + "), so there is nothing to install a unit into; --dry-run prints the unit, for a machine "
                    + "that has systemd");
        }
        if (!Files.isWritable(unitDirectory)) {
            throw new ServiceChangeFailedException("cannot write to " + unitDirectory + ": installing a service "
                    + "needs root; run it again with sudo");
        }
    }

    /** What is installed, then {@code systemctl status}; 0 when the service runs. */
    int status(String name, PrintWriter out) throws IOException, InterruptedException {
        Path unit = unitFile(name);
        if (!Files.exists(unit)) {
            out.println(
                    name + ": not installed (there is no " + unit + "); orchestrator service install " + "installs it");
            return ExitCodes.FAILED;
        }
        out.println(name + ": installed as " + unit);
        Files.readAllLines(unit).stream()
                .filter(line -> line.startsWith("User=") || line.startsWith("ExecStart="))
                .forEach(line -> out.println("  " + line));
        if (!Files.isDirectory(RUNNING_MARKER)) {
            out.println("systemd does not run this machine: the service cannot run here");
            return ExitCodes.FAILED;
        }
        out.flush();
        int exitCode = new ProcessBuilder("systemctl", "status", "--no-pager", "--lines=10", SystemdUnit.fileName(name))
                .inheritIO()
                .start()
                .waitFor();
        return exitCode == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
