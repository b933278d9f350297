package dev.orchestrator.agent.execute;

import dev.orchestrator.model.RunState;
import java.util.Optional;

/**
 * Whether a run is being stopped (an operator's cancel, the run's timeout, the agent stopping), as what and why:
 * begun once, never taken back. While it is under way no task starts and no retry is decided.
 *
 * <p>Not thread-safe: used under its coordinator's lock.
 */
final class RunCancellation {

    private RunState runState;
    private String reason;

    void begin(RunState as, String why) {
        this.runState = as;
        this.reason = why;
    }

    boolean underWay() {
        return runState != null;
    }

    /** The state the run ends as; null while no cancel is under way. */
    RunState runState() {
        return runState;
    }

    /** Why the run is stopped; null while no cancel is under way. */
    String reason() {
        return reason;
    }

    Optional<String> reasonIfAny() {
        return Optional.ofNullable(reason);
    }
}
