package dev.orchestrator.agent.execute;

/**
 * How the parts of one run come back into its coordinator: a worker (an attempt returning, a timer's work, a
 * rollback ending) takes a {@link #step} under the coordinator's lock, and a step that changed what may start or
 * end moves the run on with {@link #pump}.
 */
interface RunLoop {

    /**
     * Runs {@code work} under the coordinator's lock as one step of the run; whatever it throws crashes the run.
     * Called from workers, never under the lock.
     */
    void step(Runnable work);

    /**
     * Moves the run on: decides the pending tasks, starts those ready, ends the run when everything has ended. Only
     * under the lock; a pump asked for inside a pump is another round of the outer one, never a nested one.
     */
    void pump();
}
