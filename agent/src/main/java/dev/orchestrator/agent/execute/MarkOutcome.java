package dev.orchestrator.agent.execute;

/** What became of an operator's mark on a task. */
public enum MarkOutcome {
    /** The task took the mark at once; the run goes on from it. */
    MARKED,
    /** The task was running: its attempt is being stopped, and the task takes the mark when it has. */
    STOPPING,
    /** The run had ended: the mark is stored, and the run's next retry goes on from it. */
    PREPARED;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
