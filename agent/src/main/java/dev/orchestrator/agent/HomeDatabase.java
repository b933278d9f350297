package dev.orchestrator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.UnableToOpenDatabaseException;

/** The database an agent opens: the one its {@code --database-url} names, else its home's own (H2). */
final class HomeDatabase {

    private HomeDatabase() {}

    static Database open(AgentConfig config, AgentHome home, ObjectMapper json) {
        return config.databaseUrl()
                .map(url -> Database.open(
                        url,
                        config.databaseLogin().user().orElse(null),
                        config.databaseLogin().password().orElse(null)))
                .orElseGet(() -> openEmbedded(home, json));
    }

    /** The home's own database; held by another agent process, it says which one instead of H2's lock error. */
    private static Database openEmbedded(AgentHome home, ObjectMapper json) {
        try {
            return Database.embedded(home.database());
        } catch (UnableToOpenDatabaseException e) {
            if (!Database.isInUse(e)) {
                throw e;
            }
            throw new UnableToOpenDatabaseException(
                    "another agent is running on the home " + home.root() + " ("
                            + AgentEndpoint.describe(home, json)
                            + "); stop it first, or give this one a home of its own "
                            + "with --home",
                    e);
        }
    }
}
