package dev.orchestrator.agent.cli.remote;

import dev.orchestrator.agent.cli.common.ExitCodes;
import picocli.CommandLine;

/**
 * A request to the agent that did not get the answer asked for. The message is for the user as it is (what
 * happened, and what to do); the exit code tells scripts which of SPEC 8's cases it was.
 */
public final class AgentRequestFailedException extends RuntimeException implements CommandLine.IExitCodeGenerator {

    private static final String HOW_TO_START = "start one with `orchestrator run --config pipelines`, "
            + "or pass --agent URL (and --token) to use another";

    private final int exitCode;

    private AgentRequestFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** No {@code agent.json} in the home: no agent runs here, or it runs with another home. */
    static AgentRequestFailedException noAgentIn(java.nio.file.Path endpointFile) {
        return new AgentRequestFailedException(
                ExitCodes.AGENT_UNREACHABLE,
                "no agent is running with the agent "
                        + "home " + endpointFile.getParent() + " (it has no " + endpointFile.getFileName() + "): "
                        + HOW_TO_START + "; pass --home DIR if the agent runs with another home",
                null);
    }

    /** Nobody listens at the address: the agent has stopped (or was killed and left its agent.json). */
    static AgentRequestFailedException refused(String url, String origin, Throwable cause) {
        return new AgentRequestFailedException(
                ExitCodes.AGENT_UNREACHABLE,
                "no agent answers at " + url + " (" + origin + "): " + HOW_TO_START,
                cause);
    }

    /** The address answers, but not as it should: timeouts, TLS, a name that does not resolve. */
    static AgentRequestFailedException unreachable(String url, String origin, Throwable cause) {
        return new AgentRequestFailedException(
                ExitCodes.AGENT_UNREACHABLE, "cannot reach the agent at " + url + " (" + origin + "): " + cause, cause);
    }

    static AgentRequestFailedException unauthorized(String url, boolean tokenSent) {
        return new AgentRequestFailedException(
                ExitCodes.UNAUTHORIZED,
                tokenSent
                        ? "the agent at " + url
                                + " refused the token; `orchestrator token` prints the local agent's token "
                                + "(pass it with --token or in $" + AgentConnection.TOKEN_VARIABLE + ")"
                        : "the agent at " + url + " wants a token and none was found: pass --token, set $"
                                + AgentConnection.TOKEN_VARIABLE + ", or run this where the agent's home is "
                                + "(`orchestrator token` prints it there)",
                null);
    }

    static AgentRequestFailedException unreadableToken(java.nio.file.Path file, java.io.IOException cause) {
        return new AgentRequestFailedException(
                ExitCodes.UNAUTHORIZED,
                "cannot read the API token " + file + ": " + cause
                        + "; pass --token, or run this as the user the agent runs as",
                cause);
    }

    /** The agent understood the request and refused it (404, 409, 400, ...): its own message says why. */
    static AgentRequestFailedException refusedByAgent(String message) {
        return new AgentRequestFailedException(ExitCodes.FAILED, message, null);
    }

    /** An id no pipeline or run can have, refused before it is sent. */
    static AgentRequestFailedException notAnId(String id) {
        return new AgentRequestFailedException(
                ExitCodes.USAGE,
                "'" + id + "' is not an id: ids use letters, "
                        + "digits, _, - and ., and are neither empty nor '.' or '..'",
                null);
    }

    /** Something on this side failed while handling the answer, such as writing the export file. */
    static AgentRequestFailedException failedHere(String message, Throwable cause) {
        return new AgentRequestFailedException(ExitCodes.FAILED, message, cause);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
