package dev.orchestrator.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error as one screen can show it: the error, picocli's "did you mean", the command's usage line (and
 * its commands, when it has some), and where the full help is. picocli's default prints the whole help, which
 * pushes the one line that matters off the top of the screen.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        CommandLine.Help.ColorScheme colors = commandLine.getColorScheme();
        err.println(colors.errorText(exception.getMessage()));
        UnmatchedArgumentException.printSuggestions(exception, err);
        CommandLine.Help help = commandLine.getHelp();
        err.print(help.synopsisHeading());
        err.print(help.synopsis(help.synopsisHeadingLength()));
        if (!commandLine.getSubcommands().isEmpty()) {
            err.print(help.commandListHeading());
            err.print(help.commandList());
        }
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return commandLine.getExitCodeExceptionMapper() != null
                ? commandLine.getExitCodeExceptionMapper().getExitCode(exception)
                : commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
