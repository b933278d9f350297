package dev.orchestrator.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    @Test
    void theAgentsInstantsReadAsTheDashboardsTimes() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertThat(DashboardTables.inZone("running since 2026-12-07 15:57:00 +00:00", berlin, today))
                .isEqualTo("running since 16:57:00");
        assertThat(DashboardTables.inZone("queued since 2026-12-06T23:30:00Z", ZoneOffset.UTC, today))
                .isEqualTo("queued since Dec 6, 23:30");
        assertThat(DashboardTables.inZone("not started", berlin, today)).isEqualTo("not started");
    }
}
