package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator token revoke NAME}: the token is refused from its next request on. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Revoke a named API token: the agent refuses it from its next request on (the other agents of a "
                    + "cluster within a second), without a restart.",
            "The home's token file ('home') is replaced with orchestrator token --rotate instead.",
            AgentConnection.EXIT_CODES
        })
public final class TokenRevokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Parameters(paramLabel = "NAME", description = "The token's name, as orchestrator token list shows it.")
    private String name;

    @Override
    public Integer call() {
        try (AgentClient agent = connection.open(dev.orchestrator.agent.JsonMapper.create())) {
            JsonNode answer = agent.delete(ApiPath.of("/api/v1/tokens/{}", name));
            spec.commandLine()
                    .getOut()
                    .println("revoked the token '" + answer.path("name").asText(name)
                            + "': it is refused from its next request on");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
