package dev.orchestrator.agent.store.jdbi;

/**
 * Forces data to disk for many callers with few flushes: each caller needs a flush that started after its own
 * commit; callers that arrive while one runs share the next. With 200 runs created at once this is a handful
 * of flushes instead of 200. Thread-safe.
 */
final class GroupCommit {

    private final Runnable flush;
    private long requested;
    private long completed;
    private boolean flushing;

    GroupCommit(Runnable flush) {
        this.flush = flush;
    }

    /** Returns once everything this thread committed before the call is on disk. */
    void await() {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long batch;
            synchronized (this) {
                while (flushing && completed < ticket) {
                    waitForFlush();
                }
                if (completed >= ticket) {
                    return;
                }
                flushing = true;
                batch = requested; // covers every commit made before this moment
            }
            boolean flushed = false;
            try {
                flush.run();
                flushed = true;
            } finally {
                synchronized (this) {
                    flushing = false;
                    if (flushed) {
                        completed = Math.max(completed, batch);
                    }
                    notifyAll();
                }
            }
        }
    }

    @SuppressWarnings("WaitNotInLoop") // the caller waits in a loop on its condition
    private void waitForFlush() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database to reach the disk", e);
        }
    }
}
