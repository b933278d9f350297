package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orchestrator service status}: what is installed, and whether it runs. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the installed service and its state (on Linux, systemctl status).",
            "Exit code 0 when it runs, 1 when it is not installed or not running."
        })
public final class ServiceStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceName service;

    @Override
    public Integer call() throws Exception {
        if (Platform.current() == Platform.WINDOWS) {
            String directory = LaunchCommand.current().directory();
            return new Winsw()
                    .status(service.get(), directory, spec.commandLine().getOut());
        }
        return new Systemd(Systemd.UNIT_DIRECTORY)
                .status(service.get(), spec.commandLine().getOut());
    }
}
