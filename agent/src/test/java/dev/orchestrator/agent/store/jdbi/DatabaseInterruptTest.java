package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it reads the embedded database (a request thread the HTTP server interrupts as it
 * stops, a worker whose attempt is stopped) fails its own statement at most, never the database. With H2's plain
 * file channel, the interrupt closed the channel and with it the database, for every thread, until the agent
 * restarted ("Reading from file … failed", then "The database has been closed", 90098): the API benchmark's
 * agent lost its database that way when it stopped with requests in flight, so the writes of a clean stop
 * that came after were lost.
 */
class DatabaseInterruptTest {

    @TempDir
    Path directory;

    @Test
    void aThreadInterruptedInTheMiddleOfAReadLeavesTheDatabaseWorkingForEveryoneElse() throws Exception {
        try (Database database = Database.embedded(directory)) {
            database.jdbi().useHandle(handle -> {
                handle.execute("CREATE TABLE filler (id INT PRIMARY KEY, text VARCHAR(1000))");
                var insert = handle.prepareBatch("INSERT INTO filler VALUES (?, ?)");
                for (int i = 0; i < 5_000; i++) {
                    insert.add(i, "x".repeat(500));
                }
                insert.execute();
            });
        }
        try (Database database = Database.embedded(directory)) {
            // a cold cache: the interrupted thread's query reads the table's pages from the file
            AtomicReference<Throwable> interruptedOutcome = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    database.jdbi().useHandle(handle -> {
                        Thread.currentThread().interrupt();
                        handle.createQuery("SELECT SUM(LENGTH(text)) FROM filler")
                                .mapTo(Long.class)
                                .one();
                    });
                } catch (RuntimeException e) {
                    interruptedOutcome.set(e); // its own statement may fail: what matters is everyone else
                }
            });
            reader.start();
            reader.join();

            long length = database.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT SUM(LENGTH(text)) FROM filler WHERE id >= 0")
                            .mapTo(Long.class)
                            .one());
            database.jdbi().useHandle(handle -> handle.execute("INSERT INTO filler VALUES (?, ?)", 9_999, "after"));
            database.forceToDiskStatement()
                    .ifPresent(statement -> database.jdbi().useHandle(handle -> handle.execute(statement)));

            assertThat(length)
                    .as("read after the interrupt (%s)", interruptedOutcome.get())
                    .isEqualTo(5_000L * 500);
        }
        try (Database reopened = Database.embedded(directory)) {
            String written = reopened.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT text FROM filler WHERE id = 9999")
                            .mapTo(String.class)
                            .one());
            assertThat(written)
                    .as("a write made after the interrupt is on disk")
                    .isEqualTo("after");
        }
    }
}
