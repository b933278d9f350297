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
        commandLine.setExecutionExceptionHandler(Main::reportExpectedFailure);
        return commandLine;
    }

    /**
     * A failure that carries its exit code is one the command foresaw (the agent is down, the token is wrong),
     * and its message says what to do: print that, without a stack trace. Anything else is a bug; picocli then
     * prints its stack trace, for the bug report.
     */
    private static int reportExpectedFailure(Exception exception, CommandLine commandLine,
                                             CommandLine.ParseResult parseResult) throws Exception {
        if (!(exception instanceof CommandLine.IExitCodeGenerator)) {
            throw exception;
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(exception.getMessage()));
        commandLine.getErr().flush();
        return ExitCodes.forException(exception);
    }
}
