package dev.orchestrator.agent.store;

import dev.orchestrator.agent.store.jdbi.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL (zonky, binaries from Maven) for the whole test JVM, started on first use and
 * stopped when the JVM exits. Each test gets its own database in it: a copy of a template that has the
 * agent's schema already, so a test pays for {@code CREATE DATABASE}, not for the migrations. Thread-safe.
 */
public final class SharedPostgres {

    /** The template database with every migration applied. */
    private static final String TEMPLATE = "orchestrator_template";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {}

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "300")
                        .start();
                execute("CREATE DATABASE " + TEMPLATE);
                try (Database template = Database.open(url(TEMPLATE), "postgres", null)) {
                    template.jdbi().useHandle(handle -> handle.execute("SELECT 1"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return server;
    }

    /** A new database with the agent's schema, for the agent's store. */
    public static String newDatabaseUrl() {
        String name = nextName();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return url(name);
    }

    /** A new database with nothing in it, to watch the migrations run. */
    public static String newEmptyDatabaseUrl() {
        String name = nextName();
        execute("CREATE DATABASE " + name);
        return url(name);
    }

    /**
     * A new empty database owned by the server's superuser, and a URL that connects to it as {@code role}, a new
     * login role that does not own it: as after {@code createdb orchestrator} with a separate agent user.
     */
    public static String newDatabaseNotOwnedBy(String role) {
        String name = nextName();
        execute("CREATE ROLE " + role + " LOGIN");
        execute("CREATE DATABASE " + name);
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name + "?user=" + role;
    }

    /** The user the URLs connect as (no password: the embedded server trusts local connections). */
    public static String user() {
        return "postgres";
    }

    private static String nextName() {
        return "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=" + user();
    }

    private static void execute(String sql) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
