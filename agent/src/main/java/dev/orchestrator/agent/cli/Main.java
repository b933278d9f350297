package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.cli.common.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code orchestrator} command: the composition root of every subcommand. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // the JDK HTTP server answers small requests ~50x faster without Nagle's algorithm
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(newCommandLine(args).execute(args));
    }

    /** The command tree, shared by {@link #main} and the tests so they exercise exactly what users run. */
    public static CommandLine newCommandLine() {
        return configured(new CommandLine(new OrchestratorCommand()));
    }

    /**
     * The tree for these arguments: when the first names a command, only that command under a bare
     * {@code orchestrator}, since building every command's options (by reflection, in picocli classes the
     * class-data-sharing archive cannot hold) is a quarter of a short command's start; else the whole tree
     * ({@code orchestrator --help}, a misspelt command).
     */
    static CommandLine newCommandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> type :
                    OrchestratorCommand.class.getAnnotation(Command.class).subcommands()) {
                if (type.getAnnotation(Command.class).name().equals(args[0])) {
                    CommandLine top = new CommandLine(CommandSpec.create().name("orchestrator"));
                    try {
                        top.addSubcommand(CommandLine.defaultFactory().create(type));
                    } catch (Exception e) {
                        throw new IllegalStateException("command " + type.getName() + " cannot be created", e);
                    }
                    return configured(top);
                }
            }
        }
        return newCommandLine();
    }

    private static CommandLine configured(CommandLine commandLine) {
        commandLine.setExitCodeExceptionMapper(ExitCodes::forException);
        commandLine.setExecutionExceptionHandler(Main::reportExpectedFailure);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine;
    }

    /**
     * A failure that carries its exit code is one the command foresaw (the agent is down, the token is wrong),
     * and its message says what to do: print that, without a stack trace. Anything else is a bug; picocli then
     * prints its stack trace, for the bug report.
     */
    private static int reportExpectedFailure(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
        if (!(exception instanceof CommandLine.IExitCodeGenerator)) {
            throw exception;
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(exception.getMessage()));
        commandLine.getErr().flush();
        return ExitCodes.forException(exception);
    }
}
