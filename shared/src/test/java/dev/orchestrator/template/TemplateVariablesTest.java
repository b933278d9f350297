package dev.orchestrator.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    @Test
    void computesTheSpecificationTableFromTheLogicalTimeInThePipelinesZone() {
        ZonedDateTime logicalTime = ZonedDateTime.of(2024, 3, 15, 6, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

        Map<String, Object> variables = TemplateVariables.forRun(
                logicalTime, "run_20240315_060001_a3f2", "daily_order_sync", Map.of("region", "eu"));

        assertThat(variables)
                .containsEntry("now", "2024-03-15T06:00:00+08:00")
                .containsEntry("today", "2024-03-15")
                .containsEntry("yesterday", "2024-03-14")
                .containsEntry("yesterday_iso", "2024-03-14T00:00:00+08:00")
                .containsEntry("week_start", "2024-03-11")
                .containsEntry("month_start", "2024-03-01")
                .containsEntry("run_id", "run_20240315_060001_a3f2")
                .containsEntry("pipeline_id", "daily_order_sync")
                .containsEntry("params", Map.of("region", "eu"));
        assertThat(variables.keySet()).containsExactlyElementsOf(TemplateVariables.NAMES);
    }

    @Test
    void aMondayIsItsOwnWeekStartAndTheFirstItsOwnMonthStart() {
        ZonedDateTime monday = ZonedDateTime.of(2024, 4, 1, 0, 30, 0, 0, ZoneId.of("UTC"));

        Map<String, Object> variables = TemplateVariables.forRun(monday, "r", "p", Map.of());

        assertThat(variables)
                .containsEntry("week_start", "2024-04-01")
                .containsEntry("month_start", "2024-04-01")
                .containsEntry("yesterday", "2024-03-31");
    }
}
