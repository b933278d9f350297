package dev.orchestrator.agent.store;

import dev.orchestrator.agent.store.jdbi.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 file database. */
class H2EventWaitStoreTest extends EventWaitStoreContract {

    @TempDir
    Path directory;

    @Override
    Database open() {
        return Database.embedded(directory);
    }
}
