package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orchestrator service uninstall}: stop the service and remove it; the agent's data stays. */
@Command(
        name = "uninstall",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Stop the service, disable it and remove its unit (on Windows: say how, with WinSW).",
            "The agent home (run history, logs, token) and the service's user stay."
        })
public final class ServiceUninstallCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceName service;

    @Option(names = "--dry-run", description = "Print what would be done, and do nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (Platform.current() == Platform.WINDOWS) {
            String directory = LaunchCommand.current().directory();
            new Winsw()
                    .uninstall(service.get(), directory)
                    .execute(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        Systemd systemd = new Systemd(Systemd.UNIT_DIRECTORY);
        Plan plan = systemd.uninstall(service.get());
        if (dryRun) {
            plan.print(spec.commandLine().getOut(), Plan.Comments.HASH);
            return ExitCodes.OK;
        }
        if (!Files.exists(systemd.unitFile(service.get()))) {
            throw new ServiceChangeFailedException("no service '" + service.get() + "' is installed (there is no "
                    + systemd.unitFile(service.get()) + "); orchestrator service status --name NAME checks another");
        }
        systemd.checkCanInstall();
        plan.execute(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
