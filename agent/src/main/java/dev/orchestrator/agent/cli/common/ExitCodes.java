package dev.orchestrator.agent.cli.common;

import picocli.CommandLine;

/** The exit codes of SPEC 8, the same for every command. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int AGENT_UNREACHABLE = 3;
    public static final int UNAUTHORIZED = 4;

    private ExitCodes() {}

    /** A failure that knows its exit code (such as an unreachable agent) gives it; other failures are 1. */
    public static int forException(Throwable exception) {
        if (exception instanceof CommandLine.IExitCodeGenerator knowsItsCode) {
            return knowsItsCode.getExitCode();
        }
        return exception instanceof CommandLine.ParameterException ? USAGE : FAILED;
    }
}
