package dev.orchestrator.agent.cli.remote;

import dev.orchestrator.agent.cli.common.VersionProvider;
import picocli.CommandLine.Command;

/** {@code orchestrator approve RUN TASK [--comment C]}. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Approve a task waiting for approval (approval: in its pipeline): it succeeds with who approved "
                    + "it, the comment and when as its output, and the run goes on. Who approved is the name of the "
                    + "token used.",
            AgentConnection.EXIT_CODES
        })
public final class ApproveCommand extends DecisionCommand {

    @Override
    String verb() {
        return "approve";
    }
}
