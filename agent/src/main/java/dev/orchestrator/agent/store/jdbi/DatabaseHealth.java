package dev.orchestrator.agent.store.jdbi;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.orchestrator.agent.store.StoreHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Tells when the database is unusable and why, and makes the pool drop the connections it can no longer use.
 * Embedded H2 closes its database itself when a write fails (a full disk): every pooled connection then answers
 * "database is closed" for good. Evicted instead, they are replaced by new connections, which open the database
 * again as soon as it can be opened: the agent recovers by itself once space is freed. Thread-safe.
 */
final class DatabaseHealth implements StoreHealth, SQLExceptionOverride {

    /** H2: the database is closed (90098), closing (90121), or could not read or write its file (90028, 90031). */
    private static final Set<Integer> H2_UNUSABLE = Set.of(90098, 90121, 90028, 90031);
    /** PostgreSQL's disk_full. */
    private static final String POSTGRES_DISK_FULL = "53100";
    /** Less free space than this where the database file is counts as a full disk. */
    static final long MIN_FREE_BYTES = 1024 * 1024;

    private final String name;
    private final Optional<Path> directory;
    private volatile DataSource dataSource;

    /**
     * @param name      the database, without credentials, for messages
     * @param directory where the database's files are, for an embedded database
     */
    DatabaseHealth(String name, Optional<Path> directory) {
        this.name = name;
        this.directory = directory.map(Path::toAbsolutePath);
    }

    void probeThrough(DataSource source) {
        this.dataSource = source;
    }

    /** Called by the pool for every failure of one of its connections. */
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return unusable(failure)
                ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    @java.lang.Override
    public Optional<String> problem() {
        Optional<String> full = diskFull(null);
        if (full.isPresent()) {
            return full;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.of(explain(e).orElse("the database " + name + " does not answer: " + e.getMessage()));
        }
    }

    @java.lang.Override
    public Optional<String> explain(Throwable failure) {
        if (!unusable(failure)) {
            return Optional.empty();
        }
        return diskFull(failure)
                .or(() -> Optional.of("the database " + name + " cannot be used: " + firstMessage(failure)));
    }

    /** The disk is full when a failure says so, or when the database's directory has (next to) no space left. */
    private Optional<String> diskFull(Throwable failure) {
        boolean said = failure != null && anyCause(failure, DatabaseHealth::saysDiskFull);
        if (directory.isEmpty()) {
            return said ? Optional.of("disk full at the database server of " + name) : Optional.empty();
        }
        long free = usableSpace(directory.get());
        if (!said && (free < 0 || free >= MIN_FREE_BYTES)) { // unknown, or room enough
            return Optional.empty();
        }
        String left = free < 0 ? "?" : String.format(java.util.Locale.ROOT, "%,d", free);
        return Optional.of("disk full at " + directory.get() + " (" + left + " bytes free); free space there: the "
                + "agent opens its database again by itself");
    }

    private static boolean unusable(Throwable failure) {
        return anyCause(
                failure,
                cause -> saysDiskFull(cause)
                        || cause instanceof SQLTransientConnectionException
                        || (cause instanceof SQLException sql
                                && (H2_UNUSABLE.contains(sql.getErrorCode())
                                        || (sql.getSQLState() != null
                                                && sql.getSQLState().startsWith("08")))));
    }

    private static boolean saysDiskFull(Throwable cause) {
        return (cause.getMessage() != null && cause.getMessage().contains("No space left on device"))
                || (cause instanceof SQLException sql && POSTGRES_DISK_FULL.equals(sql.getSQLState()));
    }

    private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getNextException() != null
                    && test.test(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String firstMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return cause.getMessage();
            }
        }
        return failure.getMessage();
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
