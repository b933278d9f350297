package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.AgentEndpoint;
import dev.orchestrator.agent.AgentHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.HttpUrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --agent}, {@code --token} and {@code --home}, as every remote command takes them. Without
 * {@code --agent}, the local agent is found through its home: the address in {@code agent.json}, the token in
 * {@code token}. Nothing in the home is created or changed.
 */
final class AgentConnection {

    static final String TOKEN_VARIABLE = "ORCHESTRATOR_TOKEN";
    /** The exit codes every remote command shares, for its --help. */
    static final String EXIT_CODES = "Exit code: 0 done, 1 refused by the agent (its message says why), 2 usage, "
            + "3 agent unreachable, 4 token refused.";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--agent",
            paramLabel = "URL",
            description = "The agent's address, such as http://127.0.0.1:8765. Default: the local agent, "
                    + "found through the agent home")
    private String agent;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:" + TOKEN_VARIABLE + "}",
            description = "The agent's API token. Default: $" + TOKEN_VARIABLE + ", else the token file "
                    + "in the agent home")
    private String token;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Agent home to find the local agent in. Default: $ORCHESTRATOR_HOME or ~/.orchestrator")
    private Path home;

    /** @throws AgentRequestFailedException (exit code 3) when no agent address is given or published */
    AgentClient open(ObjectMapper json) {
        AgentHome agentHome = AgentHome.locate(home != null ? home : AgentHome.defaultLocation());
        String url;
        String origin;
        if (agent != null) {
            url = agent;
            origin = "given with --agent";
        } else {
            url = AgentEndpoint.read(agentHome, json)
                    .orElseThrow(() -> AgentRequestFailedException.noAgentIn(agentHome.endpointFile()));
            origin = "the address in " + agentHome.endpointFile() + "; a stopped agent may have left it behind";
        }
        HttpUrl base = HttpUrl.parse(url);
        if (base == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "'" + url + "' (" + origin + ") is not an agent "
                            + "address; give one such as --agent http://127.0.0.1:8765");
        }
        return new AgentClient(base, origin, token(agentHome), AgentClient.defaultHttpClient(base), json);
    }

    /** --token or $ORCHESTRATOR_TOKEN, else the home's token file; never creates one (that is the agent's job). */
    private Optional<String> token(AgentHome agentHome) {
        if (token != null && !token.isBlank()) {
            return Optional.of(token.strip());
        }
        Path file = agentHome.tokenFile();
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(text -> !text.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty(); // a remote agent, or one that never started: the agent says if it wants one
        } catch (IOException e) {
            throw AgentRequestFailedException.unreadableToken(file, e);
        }
    }
}
