package dev.orchestrator.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The missed deadlines' texts, in words that wrap in the dashboard's narrow column. */
class DashboardTablesTest {

    @Test
    void aDeadlineReadsInWordsNotInTheFilesKeys() {
        assertThat(DashboardTables.deadline("finish_within_seconds 5")).isEqualTo("finish within 5 s");
        assertThat(DashboardTables.deadline("start_within_seconds 300")).isEqualTo("start within 5 min");
        assertThat(DashboardTables.deadline("finish_within_seconds 5400")).isEqualTo("finish within 90 min");
        assertThat(DashboardTables.deadline("finish_within_seconds 7200")).isEqualTo("finish within 2 h");
        assertThat(DashboardTables.deadline("finish_within_seconds 90")).isEqualTo("finish within 1 min 30 s");
        assertThat(DashboardTables.deadline("finish_by \"07:00\"")).isEqualTo("finish by 07:00");
        assertThat(DashboardTables.deadline("some_rule_to_come")).isEqualTo("some rule to come");
    }
}
