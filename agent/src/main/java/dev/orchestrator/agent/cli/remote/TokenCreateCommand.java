package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.Role;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator token create NAME --role R}: a named token, printed once. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Make a named API token with a role and print it: the only time it is shown (the agent keeps its hash).",
            "Roles, each with everything the one before may do: viewer (read), operator (trigger, cancel, retry, "
                    + "pause, resume, backfill, test a task, post events), editor (save pipeline sources), admin "
                    + "(tokens, audit log).",
            "The tokens live in the agent's database: every agent sharing it (a PostgreSQL cluster) accepts them.",
            "Needs an admin token: the agent home's token file is one.",
            AgentConnection.EXIT_CODES
        })
public final class TokenCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "NAME", description = "The token's name: a-z, 0-9, '.', '_', '-' (who it is for).")
    private String name;

    @Option(
            names = "--role",
            required = true,
            paramLabel = "ROLE",
            converter = RoleConverter.class,
            description = "viewer, operator, editor or admin.")
    private Role role;

    @Override
    public Integer call() {
        return output.printAnswer(
                connection,
                agent -> agent.post(ApiPath.of("/api/v1/tokens"), Map.of("name", name, "role", role.label())),
                this::printText);
    }

    /** The token alone on the standard output, for scripts; the advice beside it on the standard error. */
    private void printText(PrintWriter out, JsonNode created) {
        out.println(created.path("token").asText());
        spec.commandLine()
                .getErr()
                .println("made the token '" + name + "' with the role " + role.label()
                        + "; it is not shown again: give it to its user now (--token or $ORCHESTRATOR_TOKEN)");
    }
}
