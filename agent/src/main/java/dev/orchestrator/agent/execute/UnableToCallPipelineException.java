package dev.orchestrator.agent.execute;

/**
 * A {@code pipeline:} task could not start its child run (issue 19): the called pipeline is not loaded, or the agent
 * is stopping. The task fails with this message.
 */
final class UnableToCallPipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnableToCallPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
