package dev.orchestrator.agent.connector.builtin;

import java.util.List;

/** A command that exited with a code other than 0; the message carries the code and its last stderr lines. */
public final class ShellCommandFailedException extends RuntimeException {

    private final int exitCode;

    public ShellCommandFailedException(String command, int exitCode, List<String> lastErrorLines) {
        super("command '" + command + "' exited with code " + exitCode
                + (lastErrorLines.isEmpty() ? " and printed nothing on stderr"
                : "; last lines of stderr:\n" + String.join("\n", lastErrorLines)));
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
