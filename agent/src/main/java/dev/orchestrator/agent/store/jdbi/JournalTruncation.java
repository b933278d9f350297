package dev.orchestrator.agent.store.jdbi;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RunJournal} short: every {@code period}, when records were appended, seals the current segment,
 * forces the database to its file (a flush that starts after the seal covers every record in the closed segment:
 * each was appended after its rows were committed) and deletes the segment. Records appended meanwhile go to the
 * next segment. One daemon thread.
 */
final class JournalTruncation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalTruncation.class);

    private final RunJournal journal;
    private final GroupCommit durability;
    private final ScheduledExecutorService thread;

    JournalTruncation(RunJournal journal, GroupCommit durability, Duration period) {
        this.journal = journal;
        this.durability = durability;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "run-journal");
            daemon.setDaemon(true);
            return daemon;
        });
        thread.scheduleWithFixedDelay(
                this::truncateQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the records appended so far, once the database holds them on disk. */
    void truncate() {
        journal.seal().ifPresent(closed -> {
            durability.await();
            journal.delete(closed);
        });
    }

    private void truncateQuietly() {
        try {
            truncate();
        } catch (RuntimeException e) {
            // the closed segment stays and is replayed at the next start: harmless; the next period tries again
            LOG.warn("could not force the database to disk to shorten the run journal: {}", e.getMessage());
        }
    }

    /** Stops the thread, then drops the records appended so far (the database must still be open). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the run journal's thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        truncateQuietly();
    }
}
