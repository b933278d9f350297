package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.cli.remote.ApprovalsCommand;
import dev.orchestrator.agent.cli.remote.ApproveCommand;
import dev.orchestrator.agent.cli.remote.AuditCommand;
import dev.orchestrator.agent.cli.remote.BackfillCommand;
import dev.orchestrator.agent.cli.remote.CacheCommand;
import dev.orchestrator.agent.cli.remote.CancelCommand;
import dev.orchestrator.agent.cli.remote.DeadlinesCommand;
import dev.orchestrator.agent.cli.remote.DiagnosticsCommand;
import dev.orchestrator.agent.cli.remote.DiffCommand;
import dev.orchestrator.agent.cli.remote.EventCommand;
import dev.orchestrator.agent.cli.remote.ExportCommand;
import dev.orchestrator.agent.cli.remote.FiresCommand;
import dev.orchestrator.agent.cli.remote.ListCommand;
import dev.orchestrator.agent.cli.remote.LogsCommand;
import dev.orchestrator.agent.cli.remote.MarkCommand;
import dev.orchestrator.agent.cli.remote.PauseCommand;
import dev.orchestrator.agent.cli.remote.PoolsCommand;
import dev.orchestrator.agent.cli.remote.RejectCommand;
import dev.orchestrator.agent.cli.remote.ResumeCommand;
import dev.orchestrator.agent.cli.remote.RetryCommand;
import dev.orchestrator.agent.cli.remote.RevisionsCommand;
import dev.orchestrator.agent.cli.remote.RunsCommand;
import dev.orchestrator.agent.cli.remote.ShowCommand;
import dev.orchestrator.agent.cli.remote.StatusCommand;
import dev.orchestrator.agent.cli.remote.TestCommand;
import dev.orchestrator.agent.cli.remote.TriggerCommand;
import dev.orchestrator.agent.cli.service.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top of the command tree; on its own it explains itself. */
@Command(
        name = "orchestrator",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A lightweight data orchestrator: runs YAML pipelines on a schedule, with retries, "
                + "timeouts, logs and alerts.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            InitCommand.class,
            PingCommand.class,
            TokenCommand.class,
            ListCommand.class,
            StatusCommand.class,
            TriggerCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            RunsCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            RetryCommand.class,
            MarkCommand.class,
            ApproveCommand.class,
            ApprovalsCommand.class,
            RejectCommand.class,
            BackfillCommand.class,
            ExportCommand.class,
            EventCommand.class,
            ServiceCommand.class,
            ShowCommand.class,
            FiresCommand.class,
            DeadlinesCommand.class,
            PoolsCommand.class,
            DiagnosticsCommand.class,
            TestCommand.class,
            RevisionsCommand.class,
            DiffCommand.class,
            CacheCommand.class,
            AuditCommand.class
        })
public final class OrchestratorCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, for example: orchestrator validate");
    }
}
