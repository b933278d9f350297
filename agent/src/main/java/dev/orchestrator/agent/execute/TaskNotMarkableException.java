package dev.orchestrator.agent.execute;

/**
 * A task cannot take a mark now: it ended already while its run goes on, its run is being cancelled, or another
 * agent of the cluster runs it. The message says what to do instead. The API answers it 409.
 */
public final class TaskNotMarkableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    TaskNotMarkableException(String message) {
        super(message);
    }
}
