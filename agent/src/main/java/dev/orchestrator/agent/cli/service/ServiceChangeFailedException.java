package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.ExitCodes;
import picocli.CommandLine;

/**
 * Installing, removing or asking about a service did not work: not root, no systemd, a program that failed. The
 * message is for the user as it is: what happened and what to do. Exit code 1.
 */
public final class ServiceChangeFailedException extends RuntimeException implements CommandLine.IExitCodeGenerator {

    public ServiceChangeFailedException(String message) {
        super(message);
    }

    @Override
    public int getExitCode() {
        return ExitCodes.FAILED;
    }
}
