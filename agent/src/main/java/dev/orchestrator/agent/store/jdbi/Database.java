package dev.orchestrator.agent.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;

/**
 * The agent's database: a connection pool, the schema brought up to date by Flyway, and Jdbi on top.
 * H2 in a file under the agent home by default; any JDBC URL (PostgreSQL for scale-out) otherwise.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The embedded H2 database in {@code directory}. */
    public static Database embedded(Path directory) {
        // AUTO_SERVER off: one agent owns its file; DB_CLOSE_ON_EXIT off: the agent closes it after its last write
        String url = "jdbc:h2:file:" + directory.resolve("orchestrator").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        return open(url, "sa", "");
    }

    /** An in-memory H2 database, for tests and benchmarks that need no file. */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
    }

    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("orchestrator-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot bring the database at " + url + " up to date: "
                    + e.getMessage() + "; is another agent using it, or is it from a newer version?", e);
        }
        return new Database(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
