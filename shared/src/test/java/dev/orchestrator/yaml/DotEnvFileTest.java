package dev.orchestrator.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotEnvFileTest {

    @Test
    void readsAssignmentsQuotesCommentsAndExports() {
        var entries = DotEnvFile.parse("""
                # database
                DATABASE_URL=postgresql://u@db/x
                export TOKEN="a b # not a comment"
                SINGLE='quoted'
                PLAIN=value # trailing comment
                not an assignment
                """);

        assertThat(entries)
                .containsEntry("DATABASE_URL", "postgresql://u@db/x")
                .containsEntry("TOKEN", "a b # not a comment")
                .containsEntry("SINGLE", "quoted")
                .containsEntry("PLAIN", "value")
                .hasSize(4);
    }
}
