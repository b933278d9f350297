package dev.orchestrator.agent.store.jdbi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.(sql|class)$");

    @TempDir
    Path directory;

    @Test
    void theLatestMigrationConstantNamesTheNewestMigration() throws IOException, URISyntaxException {
        int newest = 0;
        for (String location : new String[]{"db/migration", "dev/orchestrator/agent/store/jdbi/migration"}) {
            Path folder = Path.of(Database.class.getClassLoader().getResource(location).toURI());
            try (Stream<Path> files = Files.list(folder)) {
                newest = Math.max(newest, files.map(file -> VERSION.matcher(file.getFileName().toString()))
                        .filter(Matcher::matches).map(match -> Integer.parseInt(match.group(1)))
                        .max(Comparator.naturalOrder()).orElse(0));
            }
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(Integer.toString(newest));
    }

    @Test
    void aDatabaseOpensAgainWithItsSchemaAndDataAndTheQuartzTables() {
        try (Database first = Database.embedded(directory)) {
            first.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO pipeline_state (pipeline_id, updated_at) VALUES ('p', CURRENT_TIMESTAMP)"));
        }
        try (Database second = Database.embedded(directory)) {
            int rows = second.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM pipeline_state")
                    .mapTo(Integer.class).one());
            int quartzTables = second.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'QRTZ_%'")
                    .mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
            assertThat(quartzTables).isEqualTo(11);
        }
    }
}
