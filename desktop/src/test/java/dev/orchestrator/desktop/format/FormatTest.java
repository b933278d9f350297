package dev.orchestrator.desktop.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void saysSchedulesInWords() {
        assertThat(Format.schedule("0 6 * * * (at 06:00) Europe/Berlin")).isEqualTo("at 06:00, Europe/Berlin");
        assertThat(Format.schedule("*/15 * * * * (every 15 minutes)")).isEqualTo("every 15 minutes");
        assertThat(Format.schedule("every 300 s")).isEqualTo("every 5 minutes");
        assertThat(Format.schedule("every 3600 s")).isEqualTo("every hour");
        assertThat(Format.schedule("every 45 s")).isEqualTo("every 45 seconds");
        assertThat(Format.schedule("manual")).isEqualTo("manual only");
    }

    @Test
    void namesTheAgentThatRanARunWhenItIsNotTheOneAsked() {
        assertThat(Format.agent("prod", "agent-1", "agent-1")).isEqualTo("prod");
        assertThat(Format.agent("prod", "agent-1", "agent-2")).isEqualTo("prod · ran on agent-2");
        assertThat(Format.agent("prod", null, "agent-2")).as("not reached yet").isEqualTo("prod");
        assertThat(Format.agent("old", "agent-1", null))
                .as("an agent older than clusters")
                .isEqualTo("old");
    }

    @Test
    void writesDurationsAndTimesShortly() {
        assertThat(Format.duration(850L)).isEqualTo("850 ms");
        assertThat(Format.duration(12_400L)).isEqualTo("12.4 s");
        assertThat(Format.duration(185_000L)).isEqualTo("3 min 05 s");
        assertThat(Format.duration(7_800_000L)).isEqualTo("2 h 10 min");
        assertThat(Format.duration(null)).isEqualTo("—");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        OffsetDateTime time = OffsetDateTime.parse("2026-11-21T05:03:07Z");
        assertThat(Format.time(time, berlin, LocalDate.of(2026, 11, 21))).isEqualTo("06:03:07");
        assertThat(Format.time(time, berlin, LocalDate.of(2026, 11, 22))).isEqualTo("Nov 21, 06:03");
    }

    @Test
    void aRunStartedWhenItsFirstTaskCouldStartNotWhenItWasCreated() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        LocalDate today = LocalDate.of(2026, 11, 21);
        OffsetDateTime started = OffsetDateTime.parse("2026-11-21T06:00:30Z");

        assertThat(Format.started(started, "running", zone, today)).isEqualTo("07:00:30");
        assertThat(Format.started(null, "queued", zone, today)).isEqualTo("queued");
        assertThat(Format.started(null, "cancelled", zone, today))
                .as("cancelled while it queued")
                .isEqualTo("—");
    }

    @Test
    void aTimeColumnSaysItsZone() {
        assertThat(Format.inZone("Started", ZoneId.of("Europe/Berlin"))).isEqualTo("Started (Europe/Berlin)");
    }

    @Test
    void aRunsParametersByName() {
        assertThat(Format.params(java.util.Map.of("region", "eu", "day", "2026-11-20")))
                .isEqualTo("day=2026-11-20, region=eu");
        assertThat(Format.params(java.util.Map.of())).isEqualTo("none");
    }
}
