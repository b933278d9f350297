package dev.orchestrator.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top of the command tree; on its own it explains itself. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A lightweight data orchestrator: runs YAML pipelines on a schedule, with retries, "
                + "timeouts, logs and alerts.",
        subcommands = {RunCommand.class, ValidateCommand.class, InitCommand.class, PingCommand.class,
                TokenCommand.class})
public final class OrchestratorCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, for example: orchestrator validate");
    }
}
