package dev.orchestrator.agent.execute;

/**
 * The child run of a {@code pipeline:} task did not succeed (issue 19): the task fails with the child's failure,
 * naming the child run, its failed task and the first line of that task's error. A retry of the task starts a new
 * child run.
 */
final class ChildRunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChildRunFailedException(String message) {
        super(message);
    }
}
