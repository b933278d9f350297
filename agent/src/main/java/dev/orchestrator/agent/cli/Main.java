package dev.orchestrator.agent.cli;

import picocli.CommandLine;

/** The {@code orchestrator} command: the composition root of every subcommand. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // the JDK HTTP server answers small requests ~50x faster without Nagle's algorithm
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** The command tree, shared by {@link #main} and the tests so they exercise exactly what users run. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new OrchestratorCommand());
        commandLine.setExitCodeExceptionMapper(ExitCodes::forException);
        return commandLine;
    }
}
