package dev.orchestrator.agent.connector.builtin;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A command that exited with a code other than 0. The message's first line is the cause — the last stderr line
 * that says something, else the exit code — since alerts, reasons and the console show only that line; then the
 * command, and its last lines of stderr and of stdout.
 */
public final class ShellCommandFailedException extends RuntimeException {

    private static final Pattern SAYS_SOMETHING = Pattern.compile("[\\p{L}\\p{N}]");

    private final int exitCode;

    public ShellCommandFailedException(
            String command, int exitCode, List<String> lastErrorLines, List<String> lastOutputLines) {
        super(cause(exitCode, lastErrorLines)
                + (lastErrorLines.isEmpty()
                        ? "\ncommand: " + command
                        : "\ncommand '" + command + "' exited with code " + exitCode + "; last lines of stderr:\n"
                                + String.join("\n", lastErrorLines))
                + (lastOutputLines.isEmpty() ? "" : "\nlast lines of stdout:\n" + String.join("\n", lastOutputLines)));
        this.exitCode = exitCode;
    }

    private static String cause(int exitCode, List<String> lastErrorLines) {
        for (int index = lastErrorLines.size() - 1; index >= 0; index--) {
            String line = lastErrorLines.get(index);
            if (SAYS_SOMETHING.matcher(line).find()) {
                return line.strip();
            }
        }
        return "exited with code " + exitCode + (lastErrorLines.isEmpty() ? " and printed nothing on stderr" : "");
    }

    public int exitCode() {
        return exitCode;
    }
}
