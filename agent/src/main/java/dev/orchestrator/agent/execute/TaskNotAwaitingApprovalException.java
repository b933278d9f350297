package dev.orchestrator.agent.execute;

/**
 * An approve or reject of a task that does not wait for an approval now: it has no {@code approval:}, it has not
 * begun waiting, or it was decided (or timed out) already. The message says which and what to do. The API answers
 * it 409.
 */
public final class TaskNotAwaitingApprovalException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    TaskNotAwaitingApprovalException(String message) {
        super(message);
    }
}
