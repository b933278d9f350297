package dev.orchestrator.connector;

/** Thrown by {@link TaskContext#checkCancelled()} when the attempt has been told to stop. */
public class TaskCancelledException extends RuntimeException {

    public TaskCancelledException(String message) {
        super(message);
    }
}
