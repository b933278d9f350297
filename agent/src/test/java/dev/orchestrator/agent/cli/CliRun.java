package dev.orchestrator.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code orchestrator} command as a user runs it ({@link Main#newCommandLine()}, so exit codes and error reporting
 * are the real ones), in this JVM, with what it prints kept for the test to read.
 */
public final class CliRun {

    private CliRun() {}

    /** What one command printed and how it exited. */
    public record Result(int exitCode, String out, String err) {

        public List<String> lines() {
            return out.lines().toList();
        }

        /** The first line of the standard output that contains {@code containing}. */
        public String line(String containing) {
            return lines().stream()
                    .filter(line -> line.contains(containing))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + out));
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = commandLine(out, err).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** The command with {@code --home home} added: it finds the agent through its home, as on the agent's machine. */
    public static Result runWithHome(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        return run(all.toArray(String[]::new));
    }

    /** The command line, printing into {@code out} and {@code err}. */
    public static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }
}
