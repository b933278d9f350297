package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orchestrator token list}: the tokens' names, roles, creation and last use; never a token. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the API tokens: name, role, where kept, when made, when last used (to the minute); never a token.",
            "'home' is the agent home's token file (an admin; orchestrator token --rotate replaces it).",
            AgentConnection.EXIT_CODES
        })
public final class TokenListCommand implements Callable<Integer> {

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Override
    public Integer call() {
        return output.printAnswer(connection, agent -> agent.get(ApiPath.of("/api/v1/tokens")), this::printText);
    }

    /** The tokens as a table for people. */
    private void printText(PrintWriter out, JsonNode tokens) {
        ZoneId zone = ZoneId.systemDefault();
        Table table = new Table("NAME", "ROLE", "SOURCE", "CREATED", "LAST USED");
        for (JsonNode token : tokens) {
            table.row(
                    token.path("name").asText(),
                    token.path("role").asText(),
                    token.path("source").asText(),
                    HumanReadable.time(token.path("created_at"), zone),
                    token.path("last_used_at").isNull()
                                    || token.path("last_used_at").isMissingNode()
                            ? "never"
                            : HumanReadable.time(token.path("last_used_at"), zone));
        }
        table.print(out);
    }
}
