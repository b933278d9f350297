package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code orchestrator service}: the agent as a service of this machine; on its own it explains itself. */
@Command(
        name = "service",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run the agent as a service that starts with the machine: a systemd unit on Linux, a WinSW "
                + "service on Windows.",
        subcommands = {ServiceInstallCommand.class, ServiceUninstallCommand.class, ServiceStatusCommand.class})
public final class ServiceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "name a service command: install, uninstall or status "
                        + "(orchestrator service install --help tells more)");
    }
}
