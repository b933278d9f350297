package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.agent.store.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The README's scale-out steps gone wrong: a database the agent's user does not own, on PostgreSQL 15 and later. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DatabasePermissionTest {

    @Test
    void aDatabaseTheAgentsUserMayNotCreateInIsSaidSoWithTheFix() {
        String url = SharedPostgres.newDatabaseNotOwnedBy("agent_not_owner");

        assertThatThrownBy(() -> Database.open(url, null, null).close())
                .isInstanceOf(UnableToOpenDatabaseException.class)
                .hasMessageContaining("may not create tables")
                .hasMessageContaining("createdb -O agent_not_owner orchestrator")
                .hasMessageContaining("GRANT CREATE ON SCHEMA public TO agent_not_owner")
                .hasMessageNotContaining("another agent");
    }
}
