package dev.orchestrator.agent.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The agent's database: a connection pool, the schema brought up to date by Flyway, and Jdbi on top.
 * H2 in a file under the agent home by default; any JDBC URL (PostgreSQL for scale-out) otherwise.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DatabaseHealth health;
    /**
     * Held around the event hand-over (a post meeting a wait) on H2 only. That protocol relies on row locks: each
     * side writes its row, then takes the other's with a guarded delete or update. On PostgreSQL this holds; on
     * H2, under heavy load, one post was seen both delivered to its wait and kept (issue 17's proof). An embedded
     * H2 file is open in one process, so a lock in that process serializes every writer.
     */
    private final ReentrantLock h2HandOver = new ReentrantLock();
    /** Forces committed data to disk for the callers of the moment at once (a no-op where commits are durable). */
    private final GroupCommit durability;
    /** The embedded H2 file's run journal (see {@link RunJournal}); empty for any other database. */
    private final Optional<RunJournal> runJournal;

    private final Optional<JournalTruncation> journalTruncation;

    private Database(HikariDataSource dataSource, DatabaseHealth health) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        StoredTypes.register(jdbi);
        this.health = health;
        this.durability = new GroupCommit(() ->
                forceToDiskStatement().ifPresent(statement -> jdbi.useHandle(handle -> handle.execute(statement))));
        this.runJournal = h2File(dataSource.getJdbcUrl()).map(RunJournal::open);
        this.journalTruncation =
                runJournal.map(journal -> new JournalTruncation(journal, durability, Duration.ofSeconds(1)));
    }

    /**
     * H2's files through its "retry" file system: a thread interrupted in the middle of a read or write (a request
     * thread the HTTP server interrupts as it stops, a worker whose attempt is stopped) closes the file channel it
     * was using, and H2's plain file system then closes the whole database for every thread ("The database has
     * been closed") until the agent restarts. This one reopens the channel, so only that thread's statement fails.
     */
    public static final String H2_FILE = "jdbc:h2:retry:";

    private static final String H2_PLAIN_FILE = "jdbc:h2:file:";

    /** The embedded database's files in its directory: {@code orchestrator.mv.db} and the run journal beside it. */
    static final String EMBEDDED_NAME = "orchestrator";

    /**
     * The embedded H2 database in {@code directory}. A new one is a copy of the schema the build made
     * ({@link SchemaTemplate}), given a history id of its own.
     */
    public static Database embedded(Path directory) {
        SchemaTemplate.seed(directory.resolve(EMBEDDED_NAME + ".mv.db"));
        Database database = open(embeddedUrl(directory), "sa", "");
        try {
            database.ensureHistoryId();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * A database seeded from the template has no history id yet (the template is every home's); neither has one
     * whose process was killed between the copy and this. A single H2 process, so no other writer races it.
     */
    private void ensureHistoryId() {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO history_identity (history_id) SELECT :id "
                        + "WHERE NOT EXISTS (SELECT 1 FROM history_identity)")
                .bind("id", java.util.UUID.randomUUID().toString())
                .execute());
    }

    static String embeddedUrl(Path directory) {
        // H2 writes committed transactions to its file in the background, WRITE_DELAY ms later at most. Writing
        // every commit at once costs 3-5x in engine throughput; instead the moments a client is told about
        // (a run created, a run ended) are forced to disk with CHECKPOINT, and task-level changes reach the file
        // within 100 ms. DB_CLOSE_ON_EXIT off: the agent closes the database itself, after its last write.
        // CACHE_SIZE (KB): a 16 MB page cache in the heap rather than H2's 64 MB, which an idle agent kept full
        // of a growing history's pages after a burst of runs (see bench/README.md).
        return H2_FILE + directory.resolve(EMBEDDED_NAME).toAbsolutePath()
                + ";WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=16384";
    }

    /** An in-memory H2 database, for tests and benchmarks that need no file. */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
    }

    /** Where the migrations are: SQL scripts, and Java ones for what SQL cannot say. */
    static final String[] MIGRATIONS = {
        "classpath:db/migration", "classpath:dev/orchestrator/agent/store/jdbi/migration"
    };
    /** The newest migration's version; a test keeps it equal to the newest file in {@link #MIGRATIONS}. */
    static final String LATEST_MIGRATION = "24";

    /**
     * True when the schema already has the newest migration, so Flyway (about 300 ms of class loading and
     * checks at every start) is only brought in when there is something to migrate.
     */
    private static boolean isCurrent(javax.sql.DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet latest = statement.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" "
                        + "WHERE \"success\" ORDER BY \"installed_rank\" DESC")) {
            return latest.next() && LATEST_MIGRATION.equals(latest.getString(1));
        } catch (java.sql.SQLException e) {
            return false; // no history table yet: a new database
        }
    }

    /**
     * Opens any database the agent supports (H2, PostgreSQL) and brings its schema up to date.
     *
     * @param user     null to take it from the URL (or the driver's default)
     * @param password null to take it from the URL; never logged, never in an error message
     */
    public static Database open(String givenUrl, String user, String password) {
        // a file database named the usual way gets the same protection from interrupts as the embedded one
        String url =
                givenUrl.startsWith(H2_PLAIN_FILE) ? H2_FILE + givenUrl.substring(H2_PLAIN_FILE.length()) : givenUrl;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("orchestrator-db");
        // a database that cannot be reached fails a request after 5 s instead of Hikari's 30
        config.setConnectionTimeout(5_000);
        DatabaseHealth health = new DatabaseHealth(withoutCredentials(url), h2Directory(url));
        config.setExceptionOverride(health);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UnableToOpenDatabaseException(
                    "cannot connect to the database " + withoutCredentials(url) + ": " + e.getMessage()
                            + "; check the URL, the user and the password",
                    e);
        }
        try {
            // agents starting together on one PostgreSQL database: Flyway's lock lets one migrate, the others wait
            if (!isCurrent(dataSource)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(MIGRATIONS)
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            if (isPermissionDenied(e)) {
                String who = user != null ? user : userIn(url).orElse("<user>");
                throw new UnableToOpenDatabaseException(
                        "cannot bring the database " + withoutCredentials(url)
                                + " up to date: the user " + who + " may not create tables in it (" + e.getMessage()
                                + "). On PostgreSQL 15 and later only the owner of a database may create in its schema "
                                + "public: create the database owned by the agent's user (createdb -O " + who
                                + " orchestrator), or, as its owner, run GRANT CREATE ON SCHEMA public TO " + who,
                        e);
            }
            throw new UnableToOpenDatabaseException(
                    "cannot bring the database " + withoutCredentials(url) + " up to date: " + e.getMessage()
                            + "; is another agent using it, or is it from a newer version?",
                    e);
        }
        health.probeThrough(dataSource);
        return new Database(dataSource, health);
    }

    /** Where an H2 file database keeps its files. */
    private static java.util.Optional<Path> h2Directory(String url) {
        return h2File(url).map(file -> file.toAbsolutePath().getParent());
    }

    /** An H2 file database's file, without H2's extension ({@code .mv.db}). */
    private static Optional<Path> h2File(String url) {
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(url.substring(H2_FILE.length()).replaceAll(";.*$", "")));
    }

    /** Forces what was committed before the call to disk, sharing the flush with concurrent callers. */
    GroupCommit durability() {
        return durability;
    }

    /**
     * The run journal of the embedded H2 file database: a run's creation is appended to it instead of forcing the
     * whole database to disk before the run's id is handed out. Empty for other databases (PostgreSQL's commit is
     * durable; an in-memory database has nothing to keep).
     */
    Optional<RunJournal> runJournal() {
        return runJournal;
    }

    /** Whether the database can be used now, and why not. */
    public dev.orchestrator.agent.store.StoreHealth health() {
        return health;
    }

    /** True when the embedded database failed to open because another process has its file open (H2 90020). */
    public static boolean isInUse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /** SQLState 42501, insufficient privilege, anywhere in the causes. */
    private static boolean isPermissionDenied(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The user a PostgreSQL URL names ({@code ?user=} or {@code //user@host}), if any. */
    static java.util.Optional<String> userIn(String url) {
        java.util.regex.Matcher parameter =
                java.util.regex.Pattern.compile("[?&;]user=([^&;]+)").matcher(url);
        if (parameter.find()) {
            return java.util.Optional.of(parameter.group(1));
        }
        java.util.regex.Matcher inAuthority =
                java.util.regex.Pattern.compile("//([^:@/]+)(:[^@/]*)?@").matcher(url);
        return inAuthority.find() ? java.util.Optional.of(inAuthority.group(1)) : java.util.Optional.empty();
    }

    /** The URL may carry a user and password: name the database by its kind and place only. */
    static String withoutCredentials(String url) {
        return url.replaceAll("[?;].*$", "").replaceAll("//[^@/]*@", "//");
    }

    /** The statement that forces committed data to disk, where commits alone do not (embedded H2). */
    public java.util.Optional<String> forceToDiskStatement() {
        return dataSource.getJdbcUrl().startsWith(H2_FILE)
                ? java.util.Optional.of("CHECKPOINT")
                : java.util.Optional.empty();
    }

    /** For Quartz's job store, which takes connections from the same pool. */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** True for the embedded H2 database (in a file or in memory). */
    public boolean isH2() {
        return dataSource.getJdbcUrl().startsWith("jdbc:h2:");
    }

    /**
     * Runs {@code work} alone among the hand-overs of this database when it is H2 (see {@code h2HandOver}); on
     * PostgreSQL it runs at once.
     */
    public <T> T handOver(Supplier<T> work) {
        if (!isH2()) {
            return work.get();
        }
        h2HandOver.lock();
        try {
            return work.get();
        } finally {
            h2HandOver.unlock();
        }
    }

    /** True for PostgreSQL: the database agents share when they scale out. */
    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * The id of the history this database holds, made with its schema: the same for every agent sharing it, so
     * clients connected to several agents of one cluster can tell that they show one history.
     */
    public String historyId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT history_id FROM history_identity")
                .mapTo(String.class)
                .one());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        // the journal's last records are made unnecessary while the database is still open
        journalTruncation.ifPresent(JournalTruncation::close);
        runJournal.ifPresent(RunJournal::close);
        dataSource.close();
    }
}
