package dev.orchestrator.agent.execute;

/** Why an attempt ended without its code finishing: a timeout, a cancel, or the agent stopping. */
final class AttemptStoppedException extends RuntimeException {

    AttemptStoppedException(String reason, Throwable whatTheCodeThrew) {
        super(reason, whatTheCodeThrew);
    }
}
