package dev.orchestrator.agent.cli.remote;

import dev.orchestrator.agent.cli.common.VersionProvider;
import picocli.CommandLine.Command;

/** {@code orchestrator reject RUN TASK [--comment C]}. */
@Command(
        name = "reject",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reject a task waiting for approval (approval: in its pipeline): it fails, is not retried, "
                    + "and its reason names who rejected it (the name of the token used) and the comment.",
            AgentConnection.EXIT_CODES
        })
public final class RejectCommand extends DecisionCommand {

    @Override
    String verb() {
        return "reject";
    }
}
