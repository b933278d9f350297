package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.AgentHome;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.cli.remote.TokenCreateCommand;
import dev.orchestrator.agent.cli.remote.TokenListCommand;
import dev.orchestrator.agent.cli.remote.TokenRevokeCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator token}: the API token of the agent home (an admin), for the console and for scripts; its
 * subcommands manage the named tokens with roles, kept in the agent's database, through the running agent's API.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the agent's API token (created if there is none yet): an admin, named 'home'.",
            "With --rotate, replace it: a running agent of this home accepts only the new one, at once.",
            "Named tokens with a role (viewer, operator, editor, admin): token create, token list, token revoke."
        },
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Agent home. Default: $ORCHESTRATOR_HOME or ~/.orchestrator")
    private Path home;

    @Option(names = "--rotate", description = "Replace the token with a new random one.")
    private boolean rotate;

    @Override
    public Integer call() {
        AgentHome agentHome = AgentHome.open(home != null ? home : AgentHome.defaultLocation());
        // like the agent at its start: a home made by hand or an earlier version is its owner's only from here on
        agentHome.tighten();
        String token = rotate ? agentHome.rotateToken() : agentHome.token();
        spec.commandLine().getOut().println(token);
        if (rotate) {
            spec.commandLine()
                    .getErr()
                    .println("note: the agent of this home accepts only this token from now on; "
                            + "give it to the consoles and scripts that used the old one");
        }
        return ExitCodes.OK;
    }
}
