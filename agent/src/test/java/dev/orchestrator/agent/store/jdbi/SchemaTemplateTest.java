package dev.orchestrator.agent.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTemplateTest {

    /** Every table's columns, every index's columns and every constraint, in one comparable list. */
    private static final String SCHEMA = """
            SELECT CONCAT_WS(' ', 'column', TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT,
                   CHARACTER_MAXIMUM_LENGTH)
            FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'
            UNION ALL
            SELECT CONCAT_WS(' ', 'index', i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME,
                   c.ORDINAL_POSITION)
            FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c
              ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME
            WHERE i.TABLE_SCHEMA = 'PUBLIC'
            UNION ALL
            SELECT CONCAT_WS(' ', 'constraint', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE)
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = 'PUBLIC'
            UNION ALL
            SELECT CONCAT_WS(' ', 'migration', "version", "description", "success") FROM "flyway_schema_history"
            ORDER BY 1""";

    @Test
    void theBuildShipsTheTemplateOnTheClassPath() {
        // the agent's build writes it before the tests (agent/pom.xml, schema-template): without it every new home
        // would quietly fall back to migrating, half a second slower
        assertThat(SchemaTemplate.class.getResource(SchemaTemplate.RESOURCE)).isNotNull();
    }

    @Test
    void aNewHomesDatabaseHasTheSchemaTheMigrationsMake(@TempDir Path seeded, @TempDir Path migrated) {
        List<String> fromTemplate;
        try (Database database = Database.embedded(seeded)) {
            fromTemplate = schemaOf(database);
        }
        List<String> fromMigrations;
        try (Database database = Database.open(Database.embeddedUrl(migrated), "sa", "")) {
            fromMigrations = schemaOf(database);
        }

        assertThat(fromTemplate)
                .contains("migration " + Database.LATEST_MIGRATION + " " + lastDescription(fromMigrations) + " TRUE")
                .hasSizeGreaterThan(300)
                .isEqualTo(fromMigrations);
    }

    @Test
    void eachNewHomeGetsAHistoryIdOfItsOwnThatStaysWithIt(@TempDir Path first, @TempDir Path second) {
        String firstId;
        try (Database database = Database.embedded(first)) {
            firstId = database.historyId();
        }
        try (Database database = Database.embedded(second)) {
            // the template carries none: a console would take two homes made from it for one history
            assertThat(database.historyId()).isNotEqualTo(firstId);
        }
        try (Database again = Database.embedded(first)) {
            assertThat(again.historyId()).isEqualTo(firstId);
        }
    }

    @Test
    void aHomeLeftBetweenTheCopyAndItsFirstOpenGetsItsHistoryIdThen(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("db").resolve(Database.EMBEDDED_NAME + ".mv.db");
        assertThat(SchemaTemplate.seed(file)).isTrue();
        assertThat(SchemaTemplate.seed(file)).as("a second copy over the first").isFalse();

        try (Database database = Database.embedded(file.getParent())) {
            assertThat(database.historyId()).hasSize(36);
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void anExistingDatabaseIsNeverReplacedByTheTemplate(@TempDir Path directory) {
        try (Database database = Database.embedded(directory)) {
            database.jdbi()
                    .useHandle(handle -> handle.execute(
                            "INSERT INTO pipeline_state (pipeline_id, updated_at) VALUES ('kept', CURRENT_TIMESTAMP)"));
        }
        try (Database database = Database.embedded(directory)) {
            List<String> pipelines = database.jdbi()
                    .withHandle(handle -> handle.createQuery("SELECT pipeline_id FROM pipeline_state")
                            .mapTo(String.class)
                            .list());
            assertThat(pipelines).containsExactly("kept");
        }
    }

    private static List<String> schemaOf(Database database) {
        return database.jdbi()
                .withHandle(
                        handle -> handle.createQuery(SCHEMA).mapTo(String.class).list());
    }

    private static String lastDescription(List<String> schema) {
        String prefix = "migration " + Database.LATEST_MIGRATION + " ";
        String line = schema.stream()
                .filter(entry -> entry.startsWith(prefix))
                .findFirst()
                .orElseThrow();
        return line.substring(prefix.length(), line.length() - " TRUE".length());
    }
}
