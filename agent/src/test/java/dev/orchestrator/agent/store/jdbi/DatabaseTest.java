package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.SharedPostgres;
import dev.orchestrator.agent.store.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+(?:_\\d+)*)__.*\\.(sql|class)$");

    @Test
    void theLatestMigrationConstantNamesTheNewestMigration() throws IOException, URISyntaxException {
        // versions such as V15_1 (Flyway's 15.1) sort between 15 and 16
        Comparator<List<Integer>> byVersion = (left, right) -> {
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                int order = Integer.compare(i < left.size() ? left.get(i) : 0, i < right.size() ? right.get(i) : 0);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
        List<Integer> newest = List.of(0);
        for (String location : new String[] {"db/migration", "dev/orchestrator/agent/store/jdbi/migration"}) {
            Path folder = Path.of(
                    Database.class.getClassLoader().getResource(location).toURI());
            try (Stream<Path> files = Files.list(folder)) {
                List<Integer> here = files.map(
                                file -> VERSION.matcher(file.getFileName().toString()))
                        .filter(Matcher::matches)
                        .map(match -> Stream.of(match.group(1).split("_"))
                                .map(Integer::parseInt)
                                .toList())
                        .max(byVersion)
                        .orElse(List.of(0));
                newest = byVersion.compare(here, newest) > 0 ? here : newest;
            }
        }
        assertThat(Database.LATEST_MIGRATION)
                .isEqualTo(newest.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(".")));
    }

    @Test
    void theEmbeddedDatabaseKeepsA16MegabytePageCache(@TempDir Path directory) {
        // H2's default, 64 MB of the heap, held the pages of a growing history after a burst of runs
        try (Database database = Database.embedded(directory)) {
            String cacheMegabytes = database.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")
                            .mapTo(String.class)
                            .one());
            assertThat(cacheMegabytes).isEqualTo("16");
        }
    }

    @OnEveryDatabase
    void aDatabaseOpensAgainWithItsSchemaAndDataAndTheQuartzTables(TestDatabase database) {
        Database first = database.open();
        first.jdbi()
                .useHandle(handle -> handle.execute(
                        "INSERT INTO pipeline_state (pipeline_id, updated_at) VALUES ('p', CURRENT_TIMESTAMP)"));
        first.close();

        Database second = database.open();
        int rows = second.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM pipeline_state")
                        .mapTo(Integer.class)
                        .one());
        assertThat(rows).isEqualTo(1);
        assertThat(quartzTables(second)).isEqualTo(11);
        assertThat(second.isH2()).isEqualTo(database.kind() == TestDatabase.Kind.H2);
        assertThat(second.isPostgres()).isEqualTo(database.kind() == TestDatabase.Kind.POSTGRESQL);
    }

    @OnEveryDatabase
    void aDatabaseKeepsOneHistoryIdThatEveryConnectionReadsAlike(TestDatabase database) {
        String id;
        try (Database first = database.open();
                Database beside = database.open()) {
            id = first.historyId();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(beside.historyId())
                    .as("a second agent on the same database")
                    .isEqualTo(id);
        }
        try (Database again = database.open()) {
            assertThat(again.historyId()).as("after reopening").isEqualTo(id);
        }
        try (Database other = Database.inMemory("another-history-" + System.nanoTime())) {
            assertThat(other.historyId()).as("another database").isNotEqualTo(id);
        }
    }

    private static int quartzTables(Database database) {
        return database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                                + "WHERE UPPER(TABLE_NAME) LIKE 'QRTZ\\_%' AND LOWER(TABLE_SCHEMA) = 'public'")
                        .mapTo(Integer.class)
                        .one());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anEmptyPostgresDatabaseGetsEveryMigrationWithQuartzsPostgresTables() {
        try (Database database = Database.open(SharedPostgres.newEmptyDatabaseUrl(), null, null)) {
            List<String> versions = database.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                            .mapTo(String.class)
                            .list());
            String blobType = database.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'qrtz_triggers' "
                                            + "AND column_name = 'job_data'")
                            .mapTo(String.class)
                            .one());
            long trigramIndexes = database.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT COUNT(*) FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%'")
                            .mapTo(Long.class)
                            .one());

            assertThat(versions).endsWith(Database.LATEST_MIGRATION);
            assertThat(quartzTables(database)).isEqualTo(11);
            assertThat(blobType).as("tables_postgres.sql, not tables_h2.sql").isEqualTo("bytea");
            assertThat(trigramIndexes).isEqualTo(3);
        }
    }

    @Test
    void aFailedConnectionNamesTheDatabaseButNeverThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/orchestrator?user=agent&password=s3cret&connectTimeout=1";

        assertThatThrownBy(() -> Database.open(url, "agent", "an0ther"))
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/orchestrator")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("s3cret", "an0ther"));
    }
}
