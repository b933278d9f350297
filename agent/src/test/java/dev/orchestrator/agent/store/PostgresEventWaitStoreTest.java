package dev.orchestrator.agent.store;

import dev.orchestrator.agent.store.jdbi.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.UUID;

/**
 * The contract on PostgreSQL (embedded), each test in a database of its own. It needs Flyway's PostgreSQL
 * support (flyway-database-postgresql), which the scale-out work brings; until then it is skipped.
 */
@EnabledOnOs(OS.LINUX)
class PostgresEventWaitStoreTest extends EventWaitStoreContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Assumptions.assumeTrue(flywaySupportsPostgres(), "flyway-database-postgresql is not on the classpath");
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static boolean flywaySupportsPostgres() {
        try {
            Class.forName("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    Database open() {
        String name = "waits_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return Database.open("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name, "postgres", "postgres");
    }
}
