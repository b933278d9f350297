package dev.orchestrator.agent.execute;

import java.util.Collection;

/** A run or its pipeline has no task of this id (a retry from it, a mark of it). The API answers it 404. */
public final class NoSuchTaskException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    NoSuchTaskException(String where, String taskId, Collection<String> taskIds) {
        super(where + " has no task '" + taskId + "'; its tasks: " + String.join(", ", taskIds));
    }
}
