package dev.orchestrator.agent.store;

import dev.orchestrator.agent.store.jdbi.Database;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The contract on PostgreSQL (the test JVM's one embedded server), each test in a database of its own. */
@EnabledOnOs(OS.LINUX)
class PostgresEventWaitStoreTest extends EventWaitStoreContract {

    @Override
    Database open() {
        return Database.open(SharedPostgres.newDatabaseUrl(), null, null);
    }
}
