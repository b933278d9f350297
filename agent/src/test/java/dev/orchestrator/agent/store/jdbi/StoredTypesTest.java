package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The conversions {@link StoredTypes} registers, as both databases see them. */
class StoredTypesTest {

    @OnEveryDatabase
    void anInstantGoesInAndComesBackAsTheSameMomentInUtc(TestDatabase database) {
        try (Database opened = database.open()) {
            Jdbi jdbi = opened.jdbi();
            Instant moment = Instant.parse("2026-10-25T00:30:00.123456Z");
            Instant read = jdbi.withHandle(handle -> handle.createQuery("SELECT CAST(:at AS TIMESTAMP WITH TIME ZONE)")
                    .bind("at", moment)
                    .mapTo(Instant.class)
                    .one());
            assertThat(read).isEqualTo(moment);
        }
    }

    @OnEveryDatabase
    void anEnumWithAYamlNameIsStoredAndReadByThatName(TestDatabase database) {
        try (Database opened = database.open()) {
            Jdbi jdbi = opened.jdbi();
            String bound = jdbi.withHandle(handle -> handle.createQuery("SELECT CAST(:state AS VARCHAR(40))")
                    .bind("state", TaskState.UPSTREAM_FAILED)
                    .mapTo(String.class)
                    .one());
            TaskState task = jdbi.withHandle(handle -> handle.createQuery("SELECT 'upstream_failed'")
                    .mapTo(TaskState.class)
                    .one());
            RunState run = jdbi.withHandle(handle ->
                    handle.createQuery("SELECT 'crashed'").mapTo(RunState.class).one());
            assertThat(bound).isEqualTo("upstream_failed");
            assertThat(task).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(run).isEqualTo(RunState.CRASHED);
        }
    }
}
